"""The training calendar in the workspace: a cohort's sessions, a new session (its people are
invited on saving), one session with its answers, attendance and private notes, and the
mentors' workload."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from programs.models import Cohort
from training import selectors
from training.forms import AttendanceForm, SessionNoteForm
from training.models import Session
from training.services import (
    attendance_record,
    session_cancel,
    session_create,
    session_note_add,
    session_update,
)
from workspace.access import staff_required
from workspace.production_forms import SessionCancelForm, SessionForm
from workspace.views.editing import saved_or_form


def _session_url(session: Session) -> str:
    return reverse("workspace:session", kwargs={"session_id": session.pk})


@staff_required
@require_GET
def session_list(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    context = {"cohort": cohort, "sessions": selectors.sessions_of_cohort(cohort)}
    return render(request, "workspace/production/session_list.html", context)


@staff_required
def session_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    form = SessionForm(request.POST or None, instance=Session(cohort=cohort))
    return saved_or_form(
        request,
        form,
        lambda data: session_create(cohort=cohort, **data),
        success_url=_session_url,
        message=_("The session was created and its people invited."),
        context={"title": _("New session"), "cohort": cohort},
    )


@staff_required
def session_edit_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """The form works on its own copy: the service compares the saved session with the new
    values to know whom to tell what."""
    session = _session(session_id)
    form = SessionForm(request.POST or None, instance=_session(session_id))
    return saved_or_form(
        request,
        form,
        lambda data: session_update(session=session, **data),
        success_url=_session_url,
        message=_("The session was saved; its people were told of any change."),
        context={"title": _("Change the session"), "cohort": session.cohort},
    )


@staff_required
@require_POST
def session_cancel_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(session_id)
    form = SessionCancelForm(request.POST)
    if form.is_valid():
        try:
            session_cancel(session=session, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was cancelled and its people told."))
            return redirect(_session_url(session))
    return _session_page(request, session, status=400, cancel_form=form)


def _session(session_id: int) -> Session:
    return get_object_or_404(Session.objects.select_related("cohort"), pk=session_id)


def _session_page(request, session: Session, *, status: int = 200, **forms) -> HttpResponse:
    films = _films(session)
    context = {
        "cohort": session.cohort,
        "session": session,
        "people": selectors.session_people(session),
        "notes": selectors.notes_visible_to(session, request.user),
        "attendance_form": forms.get("attendance_form") or AttendanceForm(session=session),
        "note_form": forms.get("note_form") or SessionNoteForm(films=films),
        "cancel_form": forms.get("cancel_form") or SessionCancelForm(),
        "changeable": not session.is_cancelled and session.starts_at > timezone.now(),
        "cancellable": not session.is_cancelled and session.ends_at > timezone.now(),
    }
    return render(request, "workspace/production/session.html", context, status=status)


def _films(session: Session):
    if session.whole_cohort:
        return session.cohort.films.order_by("title_en")
    return session.films.order_by("title_en")


@staff_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    return _session_page(request, _session(session_id))


@staff_required
@require_POST
def session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(session_id)
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
            return redirect(_session_url(session))
    return _session_page(request, session, status=400, attendance_form=form)


@staff_required
@require_POST
def session_note(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(session_id)
    form = SessionNoteForm(request.POST, films=_films(session))
    if form.is_valid():
        try:
            session_note_add(session=session, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect(_session_url(session))
    return _session_page(request, session, status=400, note_form=form)


@staff_required
@require_GET
def mentor_workload(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    context = {"cohort": cohort, "mentors": selectors.mentor_workload(cohort)}
    return render(request, "workspace/production/workload.html", context)
