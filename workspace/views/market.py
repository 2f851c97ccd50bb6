"""An edition's market meetings for staff: the market days (when, how long a meeting, how many
tables), every meeting by time and table with a filter per person, cancelling one, and the CSV.
The rules are in guests.market."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.form_posts import form_error_from
from guests import selectors as guest_selectors
from guests.market import market_day_set, meeting_cancel, team_of
from guests.models import MarketDay, Meeting
from programs.models import Cohort
from workspace import exports
from workspace.access import staff_required
from workspace.guest_forms import MarketDayForm


def _market_url(cohort: Cohort) -> str:
    return reverse("workspace:market", kwargs={"slug": cohort.slug})


def _person_filter(request) -> int | None:
    raw = request.GET.get("person", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _people(meetings) -> list[tuple[int, str]]:
    """Everybody with a meeting, for the filter: guests and the films' teams."""
    people = {}
    for meeting in meetings:
        for person in [meeting.accreditation.user, *team_of(meeting.film)]:
            people[person.pk] = person.full_name or person.email
    return sorted(people.items(), key=lambda item: item[1])


@staff_required
def market(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = MarketDayForm(request.POST or None, instance=MarketDay(cohort=cohort))
    if request.method == "POST" and form.is_valid():
        try:
            market_day_set(cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("The market day was saved."))
            return redirect(_market_url(cohort))
    person = _person_filter(request)
    everyone = list(guest_selectors.cohort_meetings(cohort))
    counts = guest_selectors.meeting_status_counts(cohort)
    context = {
        "cohort": cohort,
        "form": form,
        "days": cohort.market_days.all(),
        "meetings": list(guest_selectors.cohort_meetings(cohort, user_id=person))
        if person
        else everyone,
        "people": _people(everyone),
        "person": person,
        "counts": [(label, counts.get(value, 0)) for value, label in Meeting.Status.choices],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/guests/market.html", context, status=status)


@staff_required
def market_day_edit(request, day_id: int):
    day = get_object_or_404(MarketDay.objects.select_related("cohort"), pk=day_id)
    form = MarketDayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        try:
            market_day_set(cohort=day.cohort, market_day=day, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("The market day was saved."))
            return redirect(_market_url(day.cohort))
    context = {"form": form, "title": _("Market day"), "cohort": day.cohort}
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/form.html", context, status=status)


@staff_required
@require_POST
def market_meeting_cancel(request, meeting_id: int):
    meeting = get_object_or_404(Meeting.objects.select_related("market_day__cohort"), pk=meeting_id)
    try:
        meeting_cancel(meeting=meeting, cancelled_by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The meeting is cancelled; the others in it are told."))
    return redirect(_market_url(meeting.market_day.cohort))


@staff_required
def market_export(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    header = [
        _("Date"),
        _("Starts"),
        _("Ends"),
        _("Table"),
        _("Status"),
        _("Film"),
        _("Director"),
        _("Producer"),
        _("Industry guest"),
        _("Organisation"),
        _("Guest's email"),
        _("Message to the team"),
    ]
    rows = (
        [*_when(m), m.table or "", m.get_status_display(), *_who(m)]
        for m in (guest_selectors.cohort_meetings(cohort))
    )
    return exports.csv_response(filename=f"{cohort.slug}-market.csv", header=header, rows=rows)


def _when(meeting: Meeting) -> list[str]:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return [starts.strftime("%Y-%m-%d"), starts.strftime("%H:%M"), ends.strftime("%H:%M")]


def _who(meeting: Meeting) -> list[str]:
    film, guest = meeting.film, meeting.accreditation
    return [
        str(film.title),
        film.director.display_name,
        film.producer.display_name if film.producer_id else "",
        guest.user.full_name,
        guest.organisation,
        guest.user.email,
        meeting.message,
    ]
