"""Running an open call, from submission to cohort: the applications (filters, bulk moves
between rounds), one application (eligibility, conflicts, pins, interview, decision), automatic
assignment and swaps, the ranking and its CSV, interview slots, decision emails in bulk."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from calls.models import Application, Assignment, InterviewSlot, Review, Round
from calls.selectors import ranking_lines, with_applications
from calls.services import review as review_services
from calls.services import selection
from core.media_views import private_file_response
from workspace import call_forms as forms
from workspace.access import staff_required
from workspace.exports import csv_response
from workspace.views.calls import call_url, get_call

PAGE_SIZE = 100


def _application(application_id: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("call__cohort", "applicant", "round"), pk=application_id
    )


def _application_url(application: Application) -> str:
    return reverse("workspace:call_application", kwargs={"application_id": application.pk})


@staff_required
@require_GET
def call_applications(request, call_id: int):
    call = get_call(call_id)
    filters = forms.ApplicationFilterForm(request.GET or None, call=call)
    applications = call.applications.select_related("round", "applicant").annotate(
        reviews_done=Count(
            "assignments", filter=Q(assignments__review__state=Review.State.SUBMITTED)
        )
    )
    if filters.is_valid():
        for name in ("round", "state", "eligibility"):
            if filters.cleaned_data[name]:
                applications = applications.filter(**{name: filters.cleaned_data[name]})
    page = Paginator(applications.order_by("pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "call": call,
        "filters": filters,
        "page": page,
        "move_form": forms.ApplicationsMoveForm(call=call),
        "assign_form": forms.AssignForm(call=call),
    }
    status = 400 if request.GET and not filters.is_valid() else 200
    return render(request, "workspace/calls/applications.html", context, status=status)


@staff_required
@require_POST
def applications_move(request, call_id: int):
    call = get_call(call_id)
    form = forms.ApplicationsMoveForm(request.POST, call=call)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(call_url(call, "call_applications"))
    moved = selection.applications_move(
        applications=list(form.cleaned_data["applications"]), round=form.cleaned_data["round"]
    )
    messages.success(request, _("%(count)d applications moved.") % {"count": moved})
    return redirect(call_url(call, "call_applications"))


@staff_required
@require_POST
def call_assign(request, call_id: int):
    call = get_call(call_id)
    form = forms.AssignForm(request.POST, call=call)
    if form.is_valid():
        made = review_services.assignment_auto(**form.cleaned_data)
        messages.success(request, _("%(count)d assignments made.") % {"count": made})
    else:
        messages.error(request, _("Choose a round and the number of reviewers."))
    return redirect(call_url(call, "call_applications"))


def _application_page(request, application: Application, status: int = 200, **forms_given):
    call = application.call
    context = {
        "call": call,
        "application": application,
        "problems": selection.eligibility_problems(application),
        "answers": application.answers.select_related("question"),
        "files": application.files.select_related("question"),
        "assignments": application.assignments.select_related("reviewer__user", "round", "review"),
        "conflicts": application.conflicts.select_related("reviewer__user"),
        "slot": InterviewSlot.objects.filter(application=application).first(),
        "eligibility_form": forms_given.get("eligibility_form") or forms.EligibilityForm(),
        "decision_form": forms_given.get("decision_form") or forms.DecisionForm(),
        "pin_form": forms_given.get("pin_form") or forms.PinForm(call=call),
        "conflict_form": forms_given.get("conflict_form") or forms.ConflictForm(call=call),
        "book_form": forms_given.get("book_form") or forms.InterviewBookForm(call=call),
        "swap_form": forms.ReviewerChoiceForm(call=call),
    }
    return render(request, "workspace/calls/application.html", context, status=status)


@staff_required
@require_GET
def call_application(request, application_id: int):
    return _application_page(request, _application(application_id))


def _posted(request, application, form_name: str, form, action, message: str):
    """Validate, run the service, redirect with a message; or the page again with the errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, message)
            return redirect(_application_url(application))
    return _application_page(request, application, status=400, **{form_name: form})


def _application_form_view(form_name: str, make_form, service, message):
    """A view for one of the application page's forms (eligibility, decision, pin, conflict,
    interview): the form from the POST, the service called with the application and the
    form's data, then _posted's redirect or the page again with the errors. One path, so the
    five forms cannot drift apart in how they answer."""

    @staff_required
    @require_POST
    def view(request, application_id: int):
        application = _application(application_id)
        return _posted(
            request,
            application,
            form_name,
            make_form(request.POST, application.call),
            lambda data: service(application=application, **data),
            message,
        )

    return view


application_eligibility = _application_form_view(
    "eligibility_form",
    lambda data, call: forms.EligibilityForm(data),
    selection.application_set_eligibility,
    gettext_lazy("Eligibility saved."),
)
application_decide = _application_form_view(
    "decision_form",
    lambda data, call: forms.DecisionForm(data),
    selection.application_decide,
    gettext_lazy("Decision saved. Send the emails from the decisions page."),
)
application_pin = _application_form_view(
    "pin_form",
    lambda data, call: forms.PinForm(data, call=call),
    review_services.assignment_pin,
    gettext_lazy("The reviewer is assigned."),
)
application_conflict = _application_form_view(
    "conflict_form",
    lambda data, call: forms.ConflictForm(data, call=call),
    partial(review_services.conflict_declare, by_staff=True),
    gettext_lazy("The conflict is recorded; the reviewer no longer sees this application."),
)
application_interview = _application_form_view(
    "book_form",
    lambda data, call: forms.InterviewBookForm(data, call=call),
    selection.interview_slot_book,
    gettext_lazy("The interview is booked and the invitation sent."),
)


@staff_required
@require_POST
def assignment_swap(request, assignment_id: int):
    assignment = get_object_or_404(
        Assignment.objects.select_related("application__call", "reviewer"), pk=assignment_id
    )
    form = forms.ReviewerChoiceForm(request.POST, call=assignment.application.call)
    if form.is_valid():
        try:
            review_services.assignment_swap(assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The assignment moved."))
    else:
        messages.error(request, _("Choose a reviewer."))
    return redirect(_application_url(assignment.application))


@staff_required
@require_GET
def application_file(request, application_id: int, file_id: int):
    application = _application(application_id)
    return private_file_response(get_object_or_404(application.files, pk=file_id))


def _ranking_rows(request, call):
    filters = forms.RankingFilterForm(request.GET or None, call=call)
    data = filters.cleaned_data if filters.is_valid() else {}
    round_ = data.get("round") or call.rounds.filter(kind=Round.Kind.SCORING).first()
    lines = ranking_lines(
        round=round_, eligibility=data.get("eligibility", ""), criterion=data.get("criterion")
    )
    return filters, round_, lines


@staff_required
@require_GET
def call_ranking(request, call_id: int):
    call = get_call(call_id)
    filters, round_, lines = _ranking_rows(request, call)
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_applications(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "call": call,
        "filters": filters,
        "round": round_,
        "page": page,
        "query": query.urlencode(),
    }
    status = 400 if request.GET and not filters.is_valid() else 200
    return render(request, "workspace/calls/ranking.html", context, status=status)


@staff_required
@require_GET
def call_ranking_csv(request, call_id: int):
    call = get_call(call_id)
    _filters, _round, lines = _ranking_rows(request, call)
    header = [
        _("Rank"),
        _("Tied"),
        _("Applicant (original)"),
        _("Applicant (Latin)"),
        _("Project (Chinese)"),
        _("Project (English)"),
        _("Reviews"),
        _("Weighted average"),
        _("Z-score"),
        _("Spread"),
        _("Disagreement"),
        _("Criterion average"),
        _("Eligibility"),
        _("Decision"),
    ]
    body = [
        [
            row.rank or "",
            _("yes") if row.tied else "",
            row.application.name_original,
            row.application.name_latin,
            row.application.title_zh,
            row.application.title_en,
            row.reviews,
            "" if row.average is None else row.average,
            "" if row.z_score is None else row.z_score,
            "" if row.spread is None else row.spread,
            _("yes") if row.disagreement else "",
            "" if row.criterion_average is None else row.criterion_average,
            row.application.get_eligibility_display(),
            row.application.get_decision_display(),
        ]
        for row in with_applications(lines)
    ]
    return csv_response(filename=f"{call.slug}-ranking.csv", header=header, rows=body)


@staff_required
@require_http_methods(["GET", "POST"])
def call_interviews(request, call_id: int):
    call = get_call(call_id)
    form = forms.InterviewSlotForm(request.POST or None, instance=InterviewSlot(call=call))
    if request.method == "POST" and form.is_valid():
        selection.interview_slot_create(call=call, **form.cleaned_data)
        messages.success(request, _("The slot was added."))
        return redirect(call_url(call, "call_interviews"))
    slots = call.interview_slots.select_related("application")
    shortlist = call.applications.filter(
        round__kind__in=[Round.Kind.SHORTLIST, Round.Kind.INTERVIEW],
        state=Application.State.SUBMITTED,
    )
    context = {"call": call, "form": form, "slots": slots, "shortlist": shortlist}
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/calls/interviews.html", context, status=status)


def _previews(call) -> list[dict]:
    """Per decision: how many emails are to send, and the first one rendered in each language."""
    previews = []
    for value, label in forms.DecisionForm.base_fields["decision"].choices:
        recipients = selection.decision_recipients(call=call, decision=value)
        first = recipients.first()
        rendered = {}
        if first is not None:
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    rendered[language] = render_to_string(
                        "emails/calls_decision.txt",
                        {
                            **selection.decision_context(first),
                            "text": call.decision_text(value, language),
                        },
                    )
        previews.append(
            {"decision": value, "label": label, "count": recipients.count(), "rendered": rendered}
        )
    return previews


@staff_required
@require_http_methods(["GET", "POST"])
def call_decisions(request, call_id: int):
    call = get_call(call_id)
    status = 200
    if request.method == "POST":
        form = forms.DecisionsSendForm(request.POST)
        if form.is_valid():
            try:
                sent = selection.decisions_send(call=call, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("%(count)d emails are on their way.") % {"count": sent})
                return redirect(call_url(call, "call_decisions"))
        else:
            messages.error(request, _("Choose what to send."))
        status = 400
    context = {"call": call, "previews": _previews(call)}
    return render(request, "workspace/calls/decisions.html", context, status=status)
