"""The REST API under /api/: the OpenAPI schema and its documentation page, public endpoints
(no token) and token endpoints, all in /api/v1/. Any other address under /api/ answers the API's
JSON 404, never an HTML page."""

from django.urls import path, re_path

from api import docs, views
from api.caching import public_endpoint
from api.errors import not_found

app_name = "api"

urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    # Public, the same for everybody: cached whole, with ETags.
    path("v1/editions/", public_endpoint(views.EditionList.as_view()), name="editions"),
    path(
        "v1/editions/<slug:slug>/",
        public_endpoint(views.EditionDetail.as_view()),
        name="edition",
    ),
    path("v1/films/", public_endpoint(views.FilmList.as_view()), name="films"),
    path(
        "v1/films/<slug:edition>/<slug:slug>/",
        public_endpoint(views.FilmDetail.as_view()),
        name="film",
    ),
    path("v1/directors/", public_endpoint(views.DirectorList.as_view()), name="directors"),
    path(
        "v1/directors/<slug:slug>/",
        public_endpoint(views.DirectorDetail.as_view()),
        name="director",
    ),
    path("v1/mentors/", public_endpoint(views.MentorList.as_view()), name="mentors"),
    path("v1/mentors/<slug:slug>/", public_endpoint(views.MentorDetail.as_view()), name="mentor"),
    path("v1/screenings/", public_endpoint(views.ScreeningList.as_view()), name="screenings"),
    path(
        "v1/screenings/<slug:edition>/<slug:slug>/",
        public_endpoint(views.ScreeningDetail.as_view()),
        name="screening",
    ),
    # With a token.
    path("v1/enrollments/", views.EnrollmentList.as_view(), name="enrollments"),
    path(
        "v1/enrollments/<int:enrollment_id>/",
        views.EnrollmentDetail.as_view(),
        name="enrollment",
    ),
    path("v1/film-info/<int:film_id>/", views.FilmInformation.as_view(), name="film_info"),
    path("v1/lineups/<int:screening_id>/", views.Lineup.as_view(), name="lineup"),
    path(
        "v1/lineups/<int:screening_id>/<int:entry_id>/",
        views.LineupEntry.as_view(),
        name="lineup_entry",
    ),
    path("v1/submissions/", views.SubmissionList.as_view(), name="submissions"),
    path("v1/applications/", views.ApplicationList.as_view(), name="applications"),
    path(
        "v1/applications/<int:application_id>/",
        views.ApplicationDetail.as_view(),
        name="application",
    ),
    path("v1/reviews/", views.ReviewList.as_view(), name="reviews"),
    # [\s\S]: an address with a newline in it is an API 404 too, not the site's HTML one.
    re_path(r"^(?P<path>[\s\S]*)\Z", not_found, name="not_found"),
]
