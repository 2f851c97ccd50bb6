"""Applying: a draft saved at every step, answers and files, submission before the closing
moment (checked here, on the server, in festival time), withdrawal, co-applicants."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from calls.models import Answer, Application, ApplicationFile, Call, CoApplicant, Material, Question
from calls.services.events import application_submitted_emit
from core.services import validated_save
from core.uploads import (
    check_document,
    clean_image_upload,
    removed_if_failed,
    safe_display_name,
    server_file_name,
)
from outbox.services import message_enqueue

APPLICANT_FIELDS = (
    "name_original",
    "name_latin",
    "birth_year",
    "residence",
    "earlier_works",
    "title_zh",
    "title_en",
    "logline_zh",
    "logline_en",
    "is_chinese_language",
    "languages",
    "genre",
    "previous_film_url",
    "previous_film_password",
)


def text_length(text: str) -> int:
    """Characters as a person counts them: a Chinese character is one, a line break is one
    (browsers send it as two, CR LF)."""
    return len(text.replace("\r\n", "\n"))


def _closed_error(call: Call) -> ValidationError:
    closed = date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")
    return ValidationError(
        _(
            "The call closed on %(closed)s (Beijing time). Your draft is kept but can no "
            "longer be changed."
        )
        % {"closed": closed},
        code="closed",
    )


def _check_open(call: Call, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    if now >= call.closes_at:
        raise _closed_error(call)
    if now < call.opens_at:
        raise ValidationError(_("This call is not open yet."), code="not_open")


def _check_editable(application: Application, now=None) -> None:
    if application.state == Application.State.WITHDRAWN:
        raise ValidationError(_("This application was withdrawn."), code="withdrawn")
    _check_open(application.call, now)


@transaction.atomic
def application_start(*, call: Call, applicant, now=None) -> Application:
    """The applicant's application for this call: the existing one, or a new draft."""
    existing = Application.objects.filter(call=call, applicant=applicant).first()
    if existing:
        return existing
    _check_open(call, now)
    return validated_save(
        Application(call=call, applicant=applicant), name_latin="", name_original=""
    )


@transaction.atomic
def application_draft_save(*, call: Call, applicant, now=None, **fields) -> Application:
    """Start the application if needed and save what was typed, both or neither."""
    application = application_start(call=call, applicant=applicant, now=now)
    return application_save(application=application, now=now, **fields)


@transaction.atomic
def application_save(*, application: Application, now=None, **fields) -> Application:
    """Save what the applicant typed so far (a draft, or a submitted application before
    closing). Only the applicant's own fields."""
    unknown = set(fields) - set(APPLICANT_FIELDS)
    if unknown:
        raise ValueError(f"not an applicant's field: {sorted(unknown)}")
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_editable(application, now)
    return validated_save(application, **fields)


def _answer_value(question: Question, value) -> tuple[str, list[int]]:
    if question.kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE):
        chosen = sorted({int(v) for v in (value or [])})
        if any(v < 0 or v >= len(question.choices) for v in chosen):
            raise ValidationError(_("Choose from the list."), code="invalid_choice")
        if question.kind == Question.Kind.SINGLE_CHOICE and len(chosen) > 1:
            raise ValidationError(_("Choose one."), code="one_choice")
        return "", chosen
    text = (value or "").replace("\r\n", "\n")
    if question.max_chars and text_length(text) > question.max_chars:
        raise ValidationError(
            _("%(count)d characters: the limit is %(limit)d.")
            % {"count": text_length(text), "limit": question.max_chars},
            code="too_long",
        )
    return text, []


@transaction.atomic
def answers_save(*, application: Application, values: dict[int, object], now=None) -> None:
    """Store the answers to the call's questions (question id → text, or choice indexes). Every
    answer is checked first; one that is over its limit saves nothing."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_editable(application, now)
    questions = {q.pk: q for q in application.call.questions.exclude(kind=Question.Kind.FILE)}
    errors, checked = {}, {}
    for question_id, value in values.items():
        question = questions.get(int(question_id))
        if question is None:
            continue
        try:
            checked[question] = _answer_value(question, value)
        except ValidationError as error:
            errors[f"q{question.pk}"] = error.messages
    if errors:
        raise ValidationError(errors)
    for question, (text, chosen) in checked.items():
        Answer.objects.update_or_create(
            application=application, question=question, defaults={"text": text, "chosen": chosen}
        )


def _checked_upload(upload: UploadedFile, material: str) -> tuple[object, str]:
    if material == Material.PHOTO:
        cleaned = clean_image_upload(upload)
        return cleaned, server_file_name(cleaned.name[cleaned.name.rfind(".") :], "applications")
    return upload, server_file_name(check_document(upload), "applications")


def application_file_store(
    *,
    application: Application,
    upload: UploadedFile,
    material: str = "",
    question: Question | None = None,
    now=None,
) -> ApplicationFile:
    """Check the upload through core.uploads (a photo is re-encoded, documents are judged by
    content) and store it in private storage, replacing the earlier file of the same slot."""
    _check_editable(application, now)
    if question is not None and (
        question.call_id != application.call_id or not question.takes_file
    ):
        raise ValidationError(_("This question does not take a file."))
    content, name = _checked_upload(upload, material)
    stored = ApplicationFile(
        application=application,
        material=material,
        question=question,
        original_filename=safe_display_name(upload.name or "file"),
        size=upload.size or 0,
    )
    stored.file.save(name, content, save=False)
    with removed_if_failed(stored.file), transaction.atomic():
        previous = list(
            ApplicationFile.objects.select_for_update(of=("self",))
            .order_by()
            .filter(application=application, material=material, question=question)
        )
        for old in previous:
            storage, old_name = old.file.storage, old.file.name
            old.delete()
            transaction.on_commit(lambda s=storage, n=old_name: s.delete(n))
        validated_save(stored)
    return stored


def application_missing(application: Application) -> list[str]:
    """What the applicant must still provide before submitting, in words."""
    call = application.call
    missing = []
    if not (application.name_original or application.name_latin):
        missing.append(_("your name"))
    if not (application.title_zh or application.title_en):
        missing.append(_("the project's title"))
    if not (application.logline_zh or application.logline_en):
        missing.append(_("the logline"))
    if application.birth_year is None:
        missing.append(_("your birth year"))
    files = {(f.material, f.question_id) for f in application.files.all()}
    for material in call.required_materials or []:
        if material == Material.PREVIOUS_FILM:
            if not application.previous_film_url:
                missing.append(str(Material(material).label))
        elif (material, None) not in files:
            missing.append(str(Material(material).label))
    answers = {a.question_id: a for a in application.answers.all()}
    for question in call.questions.filter(is_required=True):
        if question.takes_file:
            present = ("", question.pk) in files
        else:
            answer = answers.get(question.pk)
            present = bool(answer and (answer.text.strip() or answer.chosen))
        if not present:
            missing.append(str(question.label))
    return missing


@transaction.atomic
def application_submit(*, application: Application, now=None) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_editable(application, now)
    missing = application_missing(application)
    if missing:
        raise ValidationError(
            _("Still missing: %(missing)s.") % {"missing": "; ".join(missing)}, code="missing"
        )
    first_submission = application.state != Application.State.SUBMITTED
    application = validated_save(
        application,
        state=Application.State.SUBMITTED,
        submitted_at=now or timezone.now(),
        round=application.round or application.call.rounds.order_by("order").first(),
    )
    _notify_applicant(
        application,
        "calls_application_received" if first_submission else "calls_application_updated",
    )
    application_submitted_emit(application=application, resubmitted=not first_submission)
    return application


@transaction.atomic
def application_withdraw(*, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state == Application.State.WITHDRAWN:
        raise ValidationError(_("This application was already withdrawn."))
    if application.decision:
        raise ValidationError(_("A decision has been made on this application."))
    return validated_save(application, state=Application.State.WITHDRAWN)


def application_url(application: Application) -> str:
    path = reverse("apply:application", kwargs={"slug": application.call.slug})
    return f"{settings.SITE_URL}{path}"


def _notify_applicant(application: Application, template: str, **extra) -> None:
    user = application.applicant
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template=template,
        context={
            "name": application.display_name,
            "call_title_zh": application.call.title_zh,
            "call_title_en": application.call.title_en,
            "project_title": application.title_zh or application.title_en,
            "link": application_url(application),
            "closes_at": timezone.localtime(application.call.closes_at),
            **extra,
        },
        cause=f"application:{application.pk}",
    )


def co_applicant_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def co_applicant_invite(
    *, application: Application, email: str, role: str, now=None
) -> CoApplicant:
    _check_editable(application, now)
    token = secrets.token_urlsafe(32)
    email = email.strip().lower()
    if email == application.applicant.email.lower():
        raise ValidationError({"email": _("That is your own address.")})
    co_applicant = validated_save(
        CoApplicant(application=application, token_hash=co_applicant_token_hash(token)),
        email=email,
        role=role,
    )
    path = reverse("apply:co_applicant_join", kwargs={"token": token})
    message_enqueue(
        recipient=email,
        language=application.applicant.preferred_language,
        template="calls_co_applicant_invitation",
        context={
            "inviter": application.display_name,
            "project_title": application.title_zh or application.title_en,
            "role": co_applicant.get_role_display(),
            "link": f"{settings.SITE_URL}{path}",
        },
        cause=f"co_applicant:{co_applicant.pk}",
    )
    return co_applicant


def co_applicant_find(*, token: str) -> CoApplicant | None:
    return (
        CoApplicant.objects.select_related("application__call")
        .filter(token_hash=co_applicant_token_hash(token), accepted_at__isnull=True)
        .first()
    )


@transaction.atomic
def co_applicant_join(*, co_applicant: CoApplicant, user) -> CoApplicant:
    co_applicant = CoApplicant.objects.select_for_update().get(pk=co_applicant.pk)
    if co_applicant.accepted_at is not None:
        raise ValidationError(_("This invitation was already used."))
    if user.email.lower() != co_applicant.email:
        raise ValidationError(_("This invitation was sent to another address."))
    return validated_save(co_applicant, user=user, accepted_at=timezone.now())


CONFIRM_SALT = "calls.applicant-confirm"
CONFIRM_MAX_AGE = 3 * 24 * 3600


@transaction.atomic
def applicant_sign_up(*, call: Call, full_name: str, email: str, password: str, language: str):
    """An account that stays inactive until its address is confirmed by the emailed link."""
    from accounts.models import User

    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email, password, full_name=full_name, preferred_language=language, is_active=False
            )
    except IntegrityError:
        # Two sign-ups with one address at once: the form's check saw neither.
        raise ValidationError(_("An account with this address exists: sign in instead.")) from None
    # The confirming link signs the applicant in: it is made when the email is sent
    # (calls.links), so the outbox never holds it.
    message_enqueue(
        recipient=user.email,
        language=language,
        template="calls_confirm_email",
        context={"name": full_name},
        cause=f"sign_up:{user.pk}",
        secret_link=f"applicant_confirm:{call.slug}",
    )
    return user


def applicant_confirm_token(user) -> str:
    """A fresh confirming token for the inactive account; it voids the one made before (the
    nonce it carries must still be the account's when the link is opened)."""
    user.reset_link_nonce = secrets.token_hex(16)
    user.save(update_fields=["reset_link_nonce"])
    claim = {"user": user.pk, "email": user.email, "nonce": user.reset_link_nonce}
    return signing.dumps(claim, salt=CONFIRM_SALT)


@transaction.atomic
def applicant_confirm(*, token: str):
    """The account the link confirms, now active; None for a bad, expired or used link."""
    from accounts.models import User

    try:
        claim = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    user = (
        User.objects.select_for_update()
        .filter(pk=claim.get("user"), email=claim.get("email"))
        .first()
    )
    if user is None or user.is_active or user.last_login is not None:
        return None
    if not user.reset_link_nonce or claim.get("nonce") != user.reset_link_nonce:
        return None  # an older link, voided by the one sent after it
    return validated_save(user, is_active=True, reset_link_nonce="")
