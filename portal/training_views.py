"""The portal's training pages: a person's sessions and milestone due dates with their calendar
feed, one session (answer it; a session's mentor records attendance and private notes), and the
feed itself at its secret address (no sign-in: calendar apps cannot sign in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.secret_paths import secret_in_path
from guests.feeds import meeting_event_lines
from portal.production_forms import SessionResponseForm
from training import selectors
from training.feeds import calendar_feed
from training.forms import AttendanceForm, SessionNoteForm
from training.models import Session
from training.services import (
    attendance_record,
    attendee_respond,
    calendar_feed_regenerate,
    feed_token_hash,
    session_note_add,
)


@login_required
@require_GET
def sessions(request: HttpRequest) -> HttpResponse:
    context = {
        "invitations": selectors.user_sessions(request.user),
        "due_dates": selectors.user_due_dates(request.user),
        "has_feed": hasattr(request.user, "calendar_feed"),
    }
    return render(request, "portal/production/sessions.html", context)


@login_required
@require_POST
def calendar_feed_new(request: HttpRequest) -> HttpResponse:
    """A new secret address, shown once on this answer (it is not stored, only its hash)."""
    token = calendar_feed_regenerate(user=request.user)
    url = request.build_absolute_uri(reverse("portal:calendar_feed", kwargs={"token": token}))
    context = {
        "invitations": selectors.user_sessions(request.user),
        "due_dates": selectors.user_due_dates(request.user),
        "has_feed": True,
        "feed_url": url,
    }
    response = render(request, "portal/production/sessions.html", context)
    response["Cache-Control"] = "no-store"
    return response


@secret_in_path
@never_cache
@require_GET
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    user = selectors.feed_owner(feed_token_hash(token))
    if user is None:
        raise Http404
    with translation.override(user.preferred_language):
        body = calendar_feed(user, more_events=meeting_event_lines(user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="talents.ics"'
    return response


def _session_for(request, session_id: int) -> Session:
    session = selectors.session_for_user(request.user, session_id)
    if session is None:
        raise Http404
    return session


def _is_session_mentor(user, session: Session) -> bool:
    return session.mentors.filter(user=user).exists()


def _films(session: Session):
    return (session.cohort.films if session.whole_cohort else session.films).order_by("title_en")


def _page(request, session: Session, *, status: int = 200, **forms) -> HttpResponse:
    attendee = session.attendees.filter(user=request.user).first()
    teaching = _is_session_mentor(request.user, session)
    context = {
        "session": session,
        "attendee": attendee,
        "teaching": teaching,
        "notes": selectors.notes_visible_to(session, request.user),
        "response_form": forms.get("response_form")
        or SessionResponseForm(initial={"response": attendee.response} if attendee else None),
        "attendance_form": forms.get("attendance_form")
        or (AttendanceForm(session=session) if teaching else None),
        "note_form": forms.get("note_form")
        or (SessionNoteForm(films=_films(session)) if teaching else None),
        "people": selectors.session_people(session) if teaching else [],
    }
    return render(request, "portal/production/session.html", context, status=status)


@login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    return _page(request, _session_for(request, session_id))


@login_required
@require_POST
def session_respond(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_for(request, session_id)
    attendee = session.attendees.filter(user=request.user).first()
    form = SessionResponseForm(request.POST)
    if attendee is not None and form.is_valid():
        try:
            attendee_respond(attendee=attendee, response=form.cleaned_data["response"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect("portal:session", session_id=session.pk)
    elif attendee is None:
        form.add_error(None, _("You teach this session; there is nothing to answer."))
    return _page(request, session, status=400, response_form=form)


@login_required
@require_POST
def session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_for(request, session_id)
    if not _is_session_mentor(request.user, session):
        raise Http404
    form = AttendanceForm(request.POST, session=session)
    if form.is_valid():
        listed = {choice for choice, _label in form.fields["attended"].choices}
        try:
            attendance_record(
                session=session,
                attended_user_ids=set(form.cleaned_data["attended"]),
                invited_ids=listed,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect("portal:session", session_id=session.pk)
    return _page(request, session, status=400, attendance_form=form)


@login_required
@require_POST
def session_note(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_for(request, session_id)
    if not _is_session_mentor(request.user, session):
        raise Http404
    form = SessionNoteForm(request.POST, films=_films(session))
    if form.is_valid():
        try:
            session_note_add(session=session, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect("portal:session", session_id=session.pk)
    return _page(request, session, status=400, note_form=form)
