"""The director's and the mentor's workspace. Every view: who may see it (films.access, 404 for
everybody else), the form, a service, a redirect with a message. Mutations are POST only."""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import SecurityEvent
from accounts.services import security_event_record
from accounts.views import posted
from alumni.selectors import graduated_cohorts
from core.form_posts import form_error_from, form_post
from core.private_cache import cached_private_page
from core.storage import signed_download_url
from core.uploads import MEDIA_CONTENT_SECURITY_POLICY, safe_display_name
from films import services
from films.access import (
    get_film_for_director,
    get_film_for_user,
    get_submission_for_reviewer,
    get_submission_for_user,
    is_director_of,
    is_reviewer_of,
)
from films.models import Film, MilestoneSubmission
from mentors import services as mentor_services
from portal.forms import (
    CommentForm,
    CreditFormSet,
    FilmInfoForm,
    ImageUploadForm,
    MentorProfileForm,
    ProfileForm,
    ReopenForm,
    ReviewEmailsForm,
    ReviewForm,
    SubmissionForm,
    credits_from_formset,
)
from portal.selectors import (
    finished_upload,
    milestone_row,
    milestone_timeline,
    milestone_versions,
    pending_revisions,
    portal_films,
    review_queue,
    unfinished_upload,
)

# What the uploader sends per request: small enough that a dropped connection costs little,
# large enough that the requests' overhead does not matter (the server takes up to
# DELIVERABLE_CHUNK_MAX_BYTES).
VIDEO_CHUNK_BYTES = 16 * 1024 * 1024


def _saved_or_pending(request: HttpRequest, revision) -> None:
    if revision is None:
        messages.success(request, _("Saved."))
    else:
        messages.info(
            request,
            _(
                "Saved as a change waiting for approval: the public page shows it once "
                "staff approve it."
            ),
        )


@login_required
@require_GET
@cached_private_page
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_staff and not (user.is_director or user.is_mentor):
        # Nothing of theirs is here: staff work in the workspace.
        return redirect("workspace:home")
    directed, reviewed = portal_films(request.user)
    context = {
        "directed_films": directed,
        "reviewed_films": reviewed,
        "queue": review_queue(request.user)[:10],
        "is_alumnus": user.is_director and bool(graduated_cohorts(user.talent_profile)),
    }
    return render(request, "portal/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@cached_private_page
def reviews(request: HttpRequest) -> HttpResponse:
    """The mentor's queue, and how they want to hear of new work (at once or once a day)."""
    if not request.user.is_mentor:
        raise Http404
    mentor = request.user.mentor_profile
    form = ReviewEmailsForm(*posted(request), instance=copy.copy(mentor))

    def page() -> HttpResponse:
        context = {"queue": review_queue(request.user), "emails_form": form}
        return render(request, "portal/reviews.html", context, status=_status(request, form))

    return form_post(
        request,
        form,
        lambda data: mentor_services.mentor_change_profile(mentor=mentor, **data),
        message=_("Your email choice is saved."),
        success=lambda saved: redirect("portal:reviews"),
        failure=page,
    )


@login_required
@require_GET
@cached_private_page
def film_detail(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_film_for_user(request.user, film_id)
    is_director = is_director_of(request.user, film)
    context = {
        "film": film,
        "timeline": milestone_timeline(film),
        "is_director": is_director,
        "pending_revisions": pending_revisions(film) if is_director else [],
    }
    return render(request, "portal/film.html", context)


@login_required
@require_GET
@cached_private_page
def milestone_detail(request: HttpRequest, film_id: int, milestone_id: int) -> HttpResponse:
    film = get_film_for_user(request.user, film_id)
    return _milestone_page(request, film, milestone_id)


def _milestone_page(
    request: HttpRequest, film: Film, milestone_id: int, *, status: int = 200, **forms
) -> HttpResponse:
    milestone = get_object_or_404(film.cohort.milestones, pk=milestone_id)
    row = milestone_row(film, milestone)
    is_director = is_director_of(request.user, film)
    is_reviewer = is_reviewer_of(request.user, film)
    latest = row.latest
    waiting = latest is not None and latest.status == MilestoneSubmission.Status.SUBMITTED
    context = {
        "film": film,
        "milestone": milestone,
        "row": row,
        "versions": milestone_versions(film, milestone),
        "is_director": is_director,
        "is_reviewer": is_reviewer,
        "submission_form": forms.get("submission_form")
        or (
            SubmissionForm(milestone=milestone)
            if is_director and not row.is_locked and not row.locked_reason
            else None
        ),
        "review_form": forms.get("review_form")
        or (ReviewForm() if is_reviewer and waiting else None),
        "reopen_form": forms.get("reopen_form")
        or (ReopenForm() if is_reviewer and row.is_locked else None),
        "comment_form": forms.get("comment_form") or (CommentForm() if latest else None),
        "chunk_bytes": VIDEO_CHUNK_BYTES,
        # Object storage: the browser sends the file straight to the bucket in parts.
        "direct_upload": is_director
        and milestone.takes_video_file
        and services.direct_upload_available(),
        "unfinished_upload": unfinished_upload(film, milestone, request.user)
        if is_director and milestone.takes_video_file
        else None,
    }
    return render(request, "portal/milestone.html", context, status=status)


@login_required
@require_POST
def milestone_submit(request: HttpRequest, film_id: int, milestone_id: int) -> HttpResponse:
    film = get_film_for_director(request.user, film_id)
    milestone = get_object_or_404(film.cohort.milestones, pk=milestone_id)
    form = SubmissionForm(request.POST, request.FILES, milestone=milestone, request=request)
    if form.is_valid():
        try:
            services.milestone_submit(
                film=film,
                milestone=milestone,
                submitted_by=request.user,
                upload=form.cleaned_data.get("file"),
                delivered=finished_upload(
                    film, milestone, request.user, form.cleaned_data.get("upload")
                ),
                video_url=form.cleaned_data.get("video_url", ""),
                access_code=form.cleaned_data.get("access_code", ""),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_error_from(form, error, field=_deliverable_field(form))
        else:
            messages.success(request, _submitted_message(services.submission_recipients(film)))
            return redirect("portal:milestone", film_id=film.pk, milestone_id=milestone.pk)
    return _milestone_page(request, film, milestone.pk, status=400, submission_form=form)


def _deliverable_field(form) -> str:
    return next(name for name in ("file", "upload", "video_url") if name in form.fields)


def _submitted_message(recipients) -> str:
    """Says who was told, and only them."""
    if recipients.producer and recipients.panel:
        return _("Submitted. Your producer and the panel are notified.")
    if recipients.producer:
        return _("Submitted. Your producer is notified.")
    if recipients.panel:
        return _("Submitted. The panel is notified.")
    return _("Submitted. Nobody has been told yet: the program office sees it on its dashboard.")


@login_required
@require_GET
def submission_file(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_submission_for_user(request.user, submission_id)
    if not submission.file:
        raise Http404
    # Always an attachment under the uploader's cleaned name with the extension of what is
    # stored (Django writes RFC 6266 `filename*` for non-ASCII names); never rendered here.
    extension = PurePath(submission.file.name).suffix
    stem = PurePath(safe_display_name(submission.original_filename or "deliverable")).stem
    filename = f"{stem or 'deliverable'}{extension}"
    security_event_record(
        kind=SecurityEvent.Kind.DELIVERABLE_DOWNLOADED,
        details={"submission": submission.pk, "film": submission.film_id},
    )
    signed = signed_download_url(submission.file, filename=filename)
    if signed:
        # Object storage: the private bucket hands the file out under a short-lived signature.
        return redirect(signed)
    response = FileResponse(submission.file.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    return response


@dataclass(frozen=True)
class SubmissionPost:
    """One of the milestone page's forms that post about a submission: who may post it (the
    lookup 404s for anybody else), the service it calls and what it says when done."""

    form: type[Form]
    form_name: str  # the form's name in the milestone page's context, to show its errors
    find: Callable[..., MilestoneSubmission]
    act: Callable[[MilestoneSubmission, object, dict], object]
    message: str


REVIEW = SubmissionPost(
    ReviewForm,
    "review_form",
    get_submission_for_reviewer,
    lambda submission, user, data: services.submission_review(
        submission=submission, reviewer=user, **data
    ),
    gettext_lazy("Decision saved. The director is notified."),
)
REOPEN = SubmissionPost(
    ReopenForm,
    "reopen_form",
    get_submission_for_reviewer,
    lambda submission, user, data: services.submission_reopen(
        submission=submission, reviewer=user, reason=data["reason"]
    ),
    gettext_lazy("Reopened. The director can submit again."),
)
COMMENT = SubmissionPost(
    CommentForm,
    "comment_form",
    get_submission_for_user,
    lambda submission, user, data: services.submission_comment_add(
        submission=submission, author=user, body=data["body"]
    ),
    gettext_lazy("Comment posted."),
)


@login_required
@require_POST
def submission_review(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _submission_form_post(request, submission_id, REVIEW)


@login_required
@require_POST
def submission_reopen(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _submission_form_post(request, submission_id, REOPEN)


@login_required
@require_POST
def submission_comment(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _submission_form_post(request, submission_id, COMMENT)


def _submission_form_post(
    request: HttpRequest, submission_id: int, post: SubmissionPost
) -> HttpResponse:
    """Validate, call the service and go back to the milestone; or show the milestone page again
    with the form's errors (400), the service's refusal among them (core.form_posts)."""
    submission = post.find(request.user, submission_id)
    form = post.form(request.POST)
    return form_post(
        request,
        form,
        lambda data: post.act(submission, request.user, data),
        message=str(post.message),
        success=lambda _saved: _to_milestone(submission),
        failure=lambda: _milestone_page(
            request, submission.film, submission.milestone_id, status=400, **{post.form_name: form}
        ),
    )


def _to_milestone(submission: MilestoneSubmission) -> HttpResponse:
    return redirect(
        "portal:milestone", film_id=submission.film_id, milestone_id=submission.milestone_id
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_edit(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_film_for_director(request.user, film_id)
    # A copy: the form writes into its instance while validating, and a published film must
    # keep its approved values until staff approve the change.
    form = FilmInfoForm(*posted(request), instance=copy.copy(film))
    if request.method == "POST" and form.is_valid():
        revision = services.film_change_public_info(
            film=film, proposed_by=request.user, **form.cleaned_data
        )
        _saved_or_pending(request, revision)
        return redirect("portal:film", film_id=film.pk)
    context = {"film": film, "form": form, "pending_revisions": pending_revisions(film)}
    return render(request, "portal/film_edit.html", context, status=_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def film_credits(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_film_for_director(request.user, film_id)
    formset = CreditFormSet(*posted(request), queryset=film.credits.all(), prefix="credits")
    if request.method == "POST" and formset.is_valid():
        revision = services.film_change_credits(
            film=film, proposed_by=request.user, credits=credits_from_formset(formset)
        )
        _saved_or_pending(request, revision)
        return redirect("portal:film", film_id=film.pk)
    context = {"film": film, "formset": formset, "pending_revisions": pending_revisions(film)}
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/credits.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def film_poster(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_film_for_director(request.user, film_id)
    return _image_page(request, film, services.film_change_poster, kind="poster")


@login_required
@require_http_methods(["GET", "POST"])
def film_stills(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_film_for_director(request.user, film_id)
    return _image_page(request, film, services.film_add_still, kind="still")


def _image_page(request: HttpRequest, film: Film, change, *, kind: str) -> HttpResponse:
    # A poster's descriptions stay with it: the form shows the saved ones to keep or change.
    initial = (
        {"alt_zh": film.poster_alt_zh, "alt_en": film.poster_alt_en} if kind == "poster" else {}
    )
    form = ImageUploadForm(*posted(request, files=True), request=request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            revision = change(
                film=film,
                proposed_by=request.user,
                upload=form.cleaned_data["image"],
                alt_zh=form.cleaned_data["alt_zh"],
                alt_en=form.cleaned_data["alt_en"],
            )
        except ValidationError as error:
            form_error_from(form, error, field="image")
        else:
            _saved_or_pending(request, revision)
            return redirect(f"portal:film_{kind}", film_id=film.pk)
    context = {
        "film": film,
        "form": form,
        "kind": kind,
        "pending_revisions": pending_revisions(film),
    }
    return render(request, "portal/image_upload.html", context, status=_status(request, form))


def _status(request: HttpRequest, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def _own_mentor(request: HttpRequest):
    if not request.user.is_mentor:
        raise Http404
    return request.user.mentor_profile


@login_required
@require_http_methods(["GET", "POST"])
def mentor_profile(request: HttpRequest) -> HttpResponse:
    mentor = _own_mentor(request)
    form = MentorProfileForm(*posted(request), instance=copy.copy(mentor))
    if request.method == "POST" and form.is_valid():
        mentor_services.mentor_change_profile(mentor=mentor, **form.profile_fields())
        messages.success(request, _("Your profile is saved."))
        return redirect("portal:mentor_profile")
    context = {"mentor": mentor, "form": form}
    return render(request, "portal/mentor_profile.html", context, status=_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def mentor_photo(request: HttpRequest) -> HttpResponse:
    mentor = _own_mentor(request)
    form = ImageUploadForm(*posted(request, files=True), request=request)
    if request.method == "POST" and form.is_valid():
        try:
            mentor_services.mentor_set_photo(
                mentor=mentor,
                upload=form.cleaned_data["image"],
                alt_zh=form.cleaned_data["alt_zh"],
                alt_en=form.cleaned_data["alt_en"],
            )
        except ValidationError as error:
            form_error_from(form, error, field="image")
        else:
            messages.success(request, _("Your photo is saved."))
            return redirect("portal:mentor_profile")
    context = {"mentor": mentor, "form": form, "kind": "mentor_photo"}
    return render(request, "portal/image_upload.html", context, status=_status(request, form))


def _own_talent(request: HttpRequest):
    if not request.user.is_director:
        raise Http404
    return request.user.talent_profile


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    talent = _own_talent(request)
    form = ProfileForm(*posted(request), instance=copy.copy(talent))
    if request.method == "POST" and form.is_valid():
        revision = services.director_change_profile(
            talent=talent, proposed_by=request.user, **form.profile_fields()
        )
        _saved_or_pending(request, revision)
        return redirect("portal:profile")
    context = {"talent": talent, "form": form}
    return render(request, "portal/profile.html", context, status=_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def profile_headshot(request: HttpRequest) -> HttpResponse:
    talent = _own_talent(request)
    form = ImageUploadForm(*posted(request, files=True), request=request)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.director_change_headshot(
                talent=talent,
                proposed_by=request.user,
                upload=form.cleaned_data["image"],
                alt_zh=form.cleaned_data["alt_zh"],
                alt_en=form.cleaned_data["alt_en"],
            )
        except ValidationError as error:
            form_error_from(form, error, field="image")
        else:
            _saved_or_pending(request, revision)
            return redirect("portal:profile")
    context = {"talent": talent, "form": form, "kind": "headshot"}
    return render(request, "portal/image_upload.html", context, status=_status(request, form))
