"""The applicant's pages: the application in steps (details, answers, files), each saving the
draft; submit, withdraw, co-applicants, the decision. A co-applicant sees the application and
its files; only the applicant changes it. Anybody else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.views import posted
from calls.models import Application, Call, InterviewSlot
from calls.selectors import application_for_applicant
from calls.services import applications as services
from calls.services.selection import interview_ics, offer_decline
from core.form_posts import form_error_from
from core.media_views import private_file_response
from website.call_forms import AnswersForm, ApplicationDetailsForm, CoApplicantForm, FileUploadForm
from website.views.calls import get_public_call


def _own(request: HttpRequest, call: Call) -> Application | None:
    return Application.objects.filter(call=call, applicant=request.user).first()


def _own_or_404(request: HttpRequest, call: Call) -> Application:
    application = _own(request, call)
    if application is None:
        raise Http404
    return application


def _step(request, call, application, template, form, status=200, **extra):
    context = {"call": call, "application": application, "form": form, **extra}
    return render(request, f"website/calls/{template}", context, status=status)


@login_required
@require_GET
def application(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = application_for_applicant(user=request.user, call=call)
    is_applicant = application is not None and application.applicant_id == request.user.pk
    context = {
        "call": call,
        "application": application,
        "is_applicant": is_applicant,
        "is_open": call.is_open(),
        "closes_at": timezone.localtime(call.closes_at),
        "missing": services.application_missing(application) if application else [],
        "files": application.files.select_related("question") if application else [],
        "co_applicants": application.co_applicants.all() if application else [],
        "slot": InterviewSlot.objects.filter(application=application).first()
        if application
        else None,
    }
    return render(request, "website/calls/application.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    existing = _own(request, call)
    form = ApplicationDetailsForm(*posted(request), instance=existing or Application(call=call))
    if request.method == "POST" and form.is_valid():
        try:
            services.application_draft_save(call=call, applicant=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(
                "apply:answers" if call.questions.exists() else "apply:files", slug=call.slug
            )
    status = 400 if request.method == "POST" else 200
    return _step(request, call, existing, "step_details.html", form, status)


@login_required
@require_http_methods(["GET", "POST"])
def answers(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = _own_or_404(request, call)
    questions = list(call.questions.all())
    initial = {}
    for answer in application.answers.all():
        chosen = answer.chosen
        initial[f"q{answer.question_id}"] = answer.text or (
            chosen if len(chosen) != 1 else chosen[0]
        )
    form = AnswersForm(*posted(request), questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_save(application=application, values=form.values())
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("apply:files", slug=call.slug)
    status = 400 if request.method == "POST" else 200
    return _step(request, call, application, "step_answers.html", form, status)


@login_required
@require_http_methods(["GET", "POST"])
def files(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = _own_or_404(request, call)
    form = FileUploadForm(*posted(request, files=True), call=call, request=request)
    if request.method == "POST" and form.is_valid():
        target = form.target()
        question = call.questions.filter(pk=target.get("question_id")).first()
        try:
            services.application_file_store(
                application=application,
                upload=form.cleaned_data["file"],
                material=target.get("material", ""),
                question=question,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file is uploaded."))
            return redirect("apply:files", slug=call.slug)
    status = 400 if request.method == "POST" else 200
    stored = application.files.select_related("question")
    return _step(request, call, application, "step_files.html", form, status, files=stored)


def _act(request, call, action, message) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return redirect("apply:application", slug=call.slug)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = _own_or_404(request, call)
    return _act(
        request,
        call,
        lambda: services.application_submit(application=application),
        _("Your application is submitted. A confirmation is on its way to your inbox."),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = _own_or_404(request, call)
    return _act(
        request,
        call,
        lambda: services.application_withdraw(application=application),
        _("Your application is withdrawn."),
    )


@login_required
@require_POST
def decline_offer(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = _own_or_404(request, call)
    if not application.decision_visible:
        raise Http404
    return _act(
        request,
        call,
        lambda: offer_decline(application=application),
        _("You turned the place down. Thank you for telling us."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def co_applicants(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = _own_or_404(request, call)
    form = CoApplicantForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.co_applicant_invite(application=application, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("The invitation is on its way."))
            return redirect("apply:co_applicants", slug=call.slug)
    status = 400 if request.method == "POST" else 200
    return _step(
        request,
        call,
        application,
        "co_applicants.html",
        form,
        status,
        co_applicants=application.co_applicants.all(),
    )


@login_required
@require_GET
def application_file(request: HttpRequest, slug: str, file_id: int) -> HttpResponse:
    call = get_public_call(slug)
    application = application_for_applicant(user=request.user, call=call)
    if application is None:
        raise Http404
    return private_file_response(get_object_or_404(application.files, pk=file_id))


@login_required
@require_GET
def interview_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_public_call(slug)
    application = application_for_applicant(user=request.user, call=call)
    slot = InterviewSlot.objects.filter(application=application).first() if application else None
    if slot is None:
        raise Http404
    response = HttpResponse(interview_ics(slot), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response
