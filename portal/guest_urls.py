from django.urls import path

from portal import guest_views as portal_views
from portal import market_views

app_name = "guests_portal"

urlpatterns = [
    path("", portal_views.industry_home, name="industry"),
    path("screeners/<str:code>/", portal_views.screener, name="screener"),
    path("films/<int:film_id>/viewers/", portal_views.film_viewers, name="film_viewers"),
    # Market meetings (issue 18): the agenda, a request, the team's answer, cancelling.
    path("meetings/", market_views.meetings, name="meetings"),
    path("meetings/calendar/", market_views.meetings_feed, name="meetings_feed"),
    path("films/<int:film_id>/meet/", market_views.meeting_request, name="meeting_request"),
    path("meetings/<int:meeting_id>/accept/", market_views.meeting_accept, name="meeting_accept"),
    path(
        "meetings/<int:meeting_id>/decline/", market_views.meeting_decline, name="meeting_decline"
    ),
    path("meetings/<int:meeting_id>/cancel/", market_views.meeting_cancel, name="meeting_cancel"),
    path("invitations/<str:token>/", market_views.invitation, name="invitation"),
]
