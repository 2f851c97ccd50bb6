"""Running an open call, its set-up: the calls, a call's dashboard and settings, its custom
questions, rounds and rubric criteria, its reviewers. The applications, the review and the
selection are in workspace.views.call_selection."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.views import posted
from calls.models import Call, Criterion, Question, Reviewer, Round
from calls.selectors import call_conflicts, call_dashboard
from calls.services import review as review_services
from calls.services import setup
from workspace import call_forms as forms
from workspace.access import staff_required
from workspace.views.editing import done_or_error, saved_or_form


def call_url(call: Call, name: str = "call") -> str:
    return reverse(f"workspace:{name}", kwargs={"call_id": call.pk})


def get_call(call_id: int) -> Call:
    return get_object_or_404(Call.objects.select_related("cohort"), pk=call_id)


@staff_required
@require_GET
def call_list(request):
    calls = Call.objects.select_related("cohort").order_by("-opens_at")
    return render(request, "workspace/calls/list.html", {"calls": calls, "now": timezone.now()})


@staff_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    form = forms.CallForm(*posted(request), instance=Call())
    return saved_or_form(
        request,
        form,
        lambda data: setup.call_create(**data),
        success_url=call_url,
        message=_("The call was created with the standard rounds."),
        context={"title": _("New call")},
    )


@staff_required
@require_GET
def call_detail(request, call_id: int):
    call = get_call(call_id)
    dashboard = call_dashboard(call=call)
    peak = max((n for _day, n in dashboard.per_day), default=0)
    context = {"call": call, "dashboard": dashboard, "peak": peak}
    return render(request, "workspace/calls/dashboard.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def call_edit(request, call_id: int):
    call = get_call(call_id)
    form = forms.CallForm(*posted(request), instance=call)
    return saved_or_form(
        request,
        form,
        lambda data: setup.call_update(call=call, **data),
        success_url=call_url,
        message=_("The call was saved."),
        context={"title": str(call.title), "call": call},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def call_questions(request, call_id: int):
    call = get_call(call_id)
    form = forms.QuestionForm(*posted(request), instance=Question(call=call))
    return saved_or_form(
        request,
        form,
        lambda data: setup.question_create(call=call, **_question_fields(data)),
        success_url=call_url(call, "call_questions"),
        message=_("The question was added."),
        template="workspace/calls/questions.html",
        context={"call": call, "questions": call.questions.all()},
    )


def _question_fields(data: dict) -> dict:
    fields = dict(data)
    fields["choices"] = fields.pop("choices_text", [])
    return fields


@staff_required
@require_http_methods(["GET", "POST"])
def question_edit(request, question_id: int):
    question = get_object_or_404(Question.objects.select_related("call"), pk=question_id)
    form = forms.QuestionForm(*posted(request), instance=question)
    return saved_or_form(
        request,
        form,
        lambda data: setup.question_update(question=question, **_question_fields(data)),
        success_url=call_url(question.call, "call_questions"),
        message=_("The question was saved."),
        context={"title": str(question.label), "call": question.call},
    )


@staff_required
@require_POST
def question_delete(request, question_id: int):
    question = get_object_or_404(Question.objects.select_related("call"), pk=question_id)
    call = question.call
    done_or_error(request, lambda: setup.question_delete(question=question), message=_("Removed."))
    return redirect(call_url(call, "call_questions"))


@staff_required
@require_GET
def call_rounds(request, call_id: int):
    call = get_call(call_id)
    rounds = call.rounds.prefetch_related("criteria")
    return render(request, "workspace/calls/rounds.html", {"call": call, "rounds": rounds})


@staff_required
@require_http_methods(["GET", "POST"])
def round_edit(request, round_id: int):
    round_ = get_object_or_404(Round.objects.select_related("call"), pk=round_id)
    form = forms.RoundForm(*posted(request), instance=round_)
    return saved_or_form(
        request,
        form,
        lambda data: setup.round_update(round=round_, **data),
        success_url=call_url(round_.call, "call_rounds"),
        message=_("The round was saved."),
        context={"title": str(round_), "call": round_.call},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def criterion_create(request, round_id: int):
    round_ = get_object_or_404(Round.objects.select_related("call"), pk=round_id)
    form = forms.CriterionForm(*posted(request), instance=Criterion(round=round_))
    return saved_or_form(
        request,
        form,
        lambda data: setup.criterion_create(round=round_, **data),
        success_url=call_url(round_.call, "call_rounds"),
        message=_("The criterion was added."),
        context={"title": _("New criterion"), "call": round_.call},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, criterion_id: int):
    criterion = get_object_or_404(Criterion.objects.select_related("round__call"), pk=criterion_id)
    form = forms.CriterionForm(*posted(request), instance=criterion)
    return saved_or_form(
        request,
        form,
        lambda data: setup.criterion_update(criterion=criterion, **data),
        success_url=call_url(criterion.round.call, "call_rounds"),
        message=_("The criterion was saved."),
        context={"title": str(criterion), "call": criterion.round.call},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def call_reviewers(request, call_id: int):
    call = get_call(call_id)
    form = forms.ReviewerAddForm(*posted(request), initial={"kind": "panel"})
    status = 200
    if request.method == "POST":
        if form.is_valid() and _reviewer_added(request, call, form):
            return redirect(call_url(call, "call_reviewers"))
        status = 400
    reviewers = call.reviewers.select_related("user").order_by("-is_active", "user__full_name")
    context = {
        "call": call,
        "form": form,
        "reviewers": reviewers,
        "conflicts": call_conflicts(call=call),
    }
    return render(request, "workspace/calls/reviewers.html", context, status=status)


def _reviewer_added(request, call: Call, form) -> bool:
    data = form.cleaned_data
    if data["kind"] == "outside_juror":
        reviewer = review_services.outside_juror_invite(
            call=call,
            email=data["email"],
            full_name=data["full_name"] or data["email"],
            language=data["language"],
        )
        review_services.reviewer_add(
            call=call,
            user=reviewer.user,
            kind=reviewer.kind,
            languages=data["languages"],
            expertise=data["expertise"],
        )
        messages.success(request, _("The juror is invited by email."))
        return True
    user = User.objects.filter(email__iexact=data["email"]).first()
    if user is None:
        form.add_error(
            "email",
            _(
                "Nobody has an account with this address: invite them as an outside juror, "
                "or invite them to the portal first."
            ),
        )
        return False
    review_services.reviewer_add(
        call=call,
        user=user,
        kind=data["kind"],
        languages=data["languages"],
        expertise=data["expertise"],
    )
    messages.success(request, _("The reviewer was added."))
    return True


@staff_required
@require_POST
def reviewer_drop(request, reviewer_id: int):
    reviewer = get_object_or_404(Reviewer.objects.select_related("call"), pk=reviewer_id)
    moved = review_services.reviewer_drop(reviewer=reviewer)
    messages.success(
        request,
        _("The reviewer dropped out; %(count)d applications were reassigned.") % {"count": moved},
    )
    return redirect(call_url(reviewer.call, "call_reviewers"))
