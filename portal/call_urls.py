"""The reviewer's pages of the open call, under /review/ (unprefixed, like the portal: the
signed-in person's language); namespace `review`."""

from django.urls import include, path

from portal import call_reviews

review_patterns = (
    [
        path("", call_reviews.home, name="home"),
        path("<int:assignment_id>/", call_reviews.assignment, name="assignment"),
        path(
            "<int:assignment_id>/files/<int:file_id>/",
            call_reviews.assignment_file,
            name="file",
        ),
        path("<int:assignment_id>/conflict/", call_reviews.declare_conflict, name="conflict"),
        path("calls/<int:call_id>/conflicts/", call_reviews.conflicts, name="conflicts"),
        path("calls/<int:call_id>/profile/", call_reviews.profile, name="profile"),
    ],
    "review",
)

review_urls = include(review_patterns)
