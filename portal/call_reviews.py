"""The reviewer's pages: their calls and applications, the review form with the rubric beside
each score, declaring a conflict (with an assigned application, or with a person by their
email address before anything is assigned). A reviewer sees only what they are assigned, never
what they are conflicted with (404 in any round); an outside juror has nothing else to see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.views import posted
from calls.models import Material, Review
from calls.selectors import (
    assignment_for_reviewer,
    reviewer_assignments,
    reviewer_calls,
    reviewer_conflicts,
)
from calls.services.review import conflict_declare, review_save, reviewer_profile_save
from core.form_posts import form_error_from
from core.media_views import private_file_response
from portal.call_forms import (
    ConflictDeclareForm,
    PersonConflictForm,
    ReviewerProfileForm,
    ReviewForm,
)

# What a blind round hides from reviewers.
BLIND_MATERIALS = (Material.PHOTO, Material.CV)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    seats = list(reviewer_calls(user=request.user))
    if not seats:
        raise Http404
    rows = [(seat, reviewer_assignments(reviewer=seat)) for seat in seats]
    return render(request, "portal/calls/review_home.html", {"rows": rows})


def _visible_files(assignment):
    files = assignment.application.files.select_related("question")
    if assignment.round.is_blind:
        files = files.exclude(material__in=BLIND_MATERIALS)
    return files


@login_required
@require_http_methods(["GET", "POST"])
def assignment(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = assignment_for_reviewer(user=request.user, assignment_id=assignment_id)
    review = Review.objects.filter(assignment=assignment).first()
    initial = {}
    if review:
        initial = {f"c{k}": v for k, v in review.scores.items()} | {
            "committee_comment": review.committee_comment,
            "applicant_comment": review.applicant_comment,
        }
    form = ReviewForm(*posted(request), round=assignment.round, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = bool(form.cleaned_data["submit"])
        try:
            review_save(
                assignment=assignment,
                scores=form.scores(),
                committee_comment=form.cleaned_data["committee_comment"],
                applicant_comment=form.cleaned_data["applicant_comment"],
                submit=submit,
            )
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("Review submitted.") if submit else _("Draft saved."))
            return redirect("review:assignment", assignment_id=assignment.pk)
    context = {
        "assignment": assignment,
        "application": assignment.application,
        "blind": assignment.round.is_blind,
        "review": review,
        "form": form,
        "files": _visible_files(assignment),
        "answers": assignment.application.answers.select_related("question"),
        "conflict_form": ConflictDeclareForm(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/calls/review_assignment.html", context, status=status)


@login_required
@require_GET
def assignment_file(request: HttpRequest, assignment_id: int, file_id: int) -> HttpResponse:
    assignment = assignment_for_reviewer(user=request.user, assignment_id=assignment_id)
    return private_file_response(get_object_or_404(_visible_files(assignment), pk=file_id))


@login_required
@require_POST
def declare_conflict(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = assignment_for_reviewer(user=request.user, assignment_id=assignment_id)
    form = ConflictDeclareForm(request.POST)
    if form.is_valid():
        conflict_declare(
            reviewer=assignment.reviewer,
            application=assignment.application,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Thank you: this application goes to another reviewer."))
        return redirect("review:home")
    messages.error(request, _("Say briefly why, for staff."))
    return redirect("review:assignment", assignment_id=assignment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request: HttpRequest, call_id: int) -> HttpResponse:
    """The reviewer's conflicts in one call, and a conflict with a person declared by email."""
    seat = get_object_or_404(reviewer_calls(user=request.user), call_id=call_id)
    form = PersonConflictForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            conflict_declare(reviewer=seat, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(
                request, _("Recorded: applications from this person will not reach you.")
            )
            return redirect("review:conflicts", call_id=call_id)
    context = {"seat": seat, "form": form, "conflicts": reviewer_conflicts(reviewer=seat)}
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/calls/review_conflicts.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, call_id: int) -> HttpResponse:
    """The reviewer's own languages and expertise in one call (each call has its own seat)."""
    seat = get_object_or_404(reviewer_calls(user=request.user), call_id=call_id)
    initial = {"languages": seat.languages, "expertise": seat.expertise}
    form = ReviewerProfileForm(*posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        reviewer_profile_save(reviewer=seat, **form.cleaned_data)
        messages.success(
            request, _("Saved: new assignments take your languages and expertise into account.")
        )
        return redirect("review:profile", call_id=call_id)
    status = 400 if request.method == "POST" else 200
    context = {"seat": seat, "form": form}
    return render(request, "portal/calls/review_profile.html", context, status=status)
