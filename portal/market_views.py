"""Market meetings in the portal: a person's agenda (as an industry guest, or as a film's
director or producer) with their calendar feed, a guest's request to meet a film's team, the
team's answer and cancelling; and the page where an invited industry guest sets up an account.
The rules are in guests.market and guests.industry."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.views import posted, remember_language
from core.form_posts import form_error_from
from core.secret_paths import secret_in_path
from films.models import Film
from guests import market
from guests import selectors as guest_selectors
from guests.industry import industry_invitation_accept, industry_invitation_find
from guests.models import Meeting
from portal.forms import InvitationAcceptForm
from portal.market_forms import MeetingRequestForm
from training.services import calendar_feed_regenerate


def _takes_part_in_the_market(user) -> bool:
    return (
        user.industry_accreditations.filter(is_active=True).exists()
        or Film.objects.filter(director__user=user).exists()
        or Film.objects.filter(producer__user=user).exists()
    )


def _agenda(request: HttpRequest, **extra) -> HttpResponse:
    if not _takes_part_in_the_market(request.user):
        raise Http404
    rows = [
        {
            "meeting": meeting,
            "as_guest": meeting.accreditation.user_id == request.user.pk,
            "can_answer": meeting.status == Meeting.Status.REQUESTED
            and market.is_team_member(request.user, meeting.film),
        }
        for meeting in guest_selectors.person_meetings(request.user)
    ]
    context = {"rows": rows, "has_feed": hasattr(request.user, "calendar_feed"), **extra}
    return render(request, "portal/guests/meetings.html", context)


@login_required
@require_http_methods(["GET"])
def meetings(request: HttpRequest) -> HttpResponse:
    return _agenda(request)


@login_required
@require_POST
def meetings_feed(request: HttpRequest) -> HttpResponse:
    """A new secret address of the person's calendar (sessions, due dates and meetings), shown
    once on this answer: only its hash is stored."""
    if not _takes_part_in_the_market(request.user):
        raise Http404
    token = calendar_feed_regenerate(user=request.user)
    url = request.build_absolute_uri(reverse("portal:calendar_feed", kwargs={"token": token}))
    response = _agenda(request, feed_url=url)
    response["Cache-Control"] = "no-store"
    return response


def _accreditation_for(user, film: Film):
    accreditation = user.industry_accreditations.filter(cohort_id=film.cohort_id, is_active=True)
    return accreditation.select_related("user").first()


@login_required
@require_http_methods(["GET", "POST"])
def meeting_request(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_object_or_404(Film.objects.select_related("director", "cohort"), pk=film_id)
    accreditation = _accreditation_for(request.user, film)
    if accreditation is None:
        raise Http404
    days = list(guest_selectors.market_days_open_for(film.cohort))
    # Times at which the guest and the whole team are free (a busy team could only decline).
    people = [request.user, *market.team_of(film)]
    slots = [slot for day in days for slot in guest_selectors.free_slots(day, people)]
    form = MeetingRequestForm(*posted(request), slots=slots)
    if (
        request.method == "POST"
        and form.is_valid()
        and _request_made(form, accreditation, film, days)
    ):
        messages.success(request, _("Your request is on its way to the team."))
        return redirect("guests_portal:meetings")
    context = {"film": film, "form": form, "days": days, "team": _names(market.team_of(film))}
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/guests/meeting_request.html", context, status=status)


def _names(people) -> str:
    return ", ".join(person.full_name or person.email for person in people)


def _request_made(form, accreditation, film: Film, days) -> bool:
    slot = form.cleaned_data["slot"]
    day = next((d for d in days if d.starts_at <= slot < d.ends_at), days[0] if days else None)
    if day is None:
        form.add_error(None, _("No market day is open for meeting requests."))
        return False
    try:
        market.meeting_request(
            accreditation=accreditation,
            film=film,
            market_day=day,
            starts_at=slot,
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        form_error_from(form, error)
        return False
    return True


def _meeting_for(user, meeting_id: int) -> Meeting:
    """A meeting the person is in (as the guest or the film's team); anybody else: 404."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("film__director__user", "film__producer__user"),
        pk=meeting_id,
    )
    if meeting.accreditation.user_id != user.pk and not market.is_team_member(user, meeting.film):
        raise Http404
    return meeting


def _answer(request: HttpRequest, meeting_id: int, action, done: str) -> HttpResponse:
    meeting = _meeting_for(request.user, meeting_id)
    try:
        action(meeting)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect("guests_portal:meetings")


@login_required
@require_POST
def meeting_accept(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def accept(meeting):
        return market.meeting_accept(meeting=meeting, decided_by=request.user)

    return _answer(request, meeting_id, accept, _("Accepted: the meeting has a table."))


@login_required
@require_POST
def meeting_decline(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def decline(meeting):
        return market.meeting_decline(meeting=meeting, decided_by=request.user)

    return _answer(request, meeting_id, decline, _("Declined: the guest is told."))


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def cancel(meeting):
        return market.meeting_cancel(meeting=meeting, cancelled_by=request.user)

    return _answer(request, meeting_id, cancel, _("The meeting is cancelled."))


@secret_in_path
@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invited industry guest chooses a name and password: the account is made and
    accredited for the edition, and they are signed in."""
    found = industry_invitation_find(token=token)
    if found is None:
        return render(request, "portal/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(
        User(email=found.email), *posted(request), initial={"full_name": found.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = industry_invitation_accept(
                invitation=found,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(
                request,
                _("Welcome! You are accredited for %(edition)s.") % {"edition": found.cohort},
            )
            return remember_language(redirect("guests_portal:industry"), user.preferred_language)
    context = {"form": form, "invitation": found}
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/guests/invitation.html", context, status=status)
