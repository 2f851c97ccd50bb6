"""Selection: eligibility, moving applications between rounds, interview slots and their
invitations, decisions and their emails, and enrolment: an accepted application becomes a
Talent, an Enrollment in the call's cohort and a Film project, in one transaction."""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from calls.models import Application, Call, InterviewSlot, Round
from calls.services.events import decision_sent_emit
from core.public_cache import working_data_changed
from core.services import validated_save
from films.models import Film
from films.services import film_create
from outbox.services import message_enqueue
from talents.models import Enrollment, Talent
from talents.services import (
    enrollment_create,
    enrollment_set_status,
    talent_create,
    talent_link_user,
)


def eligibility_problems(application: Application) -> list[str]:
    """The call's rules this application does not meet, for staff deciding eligibility."""
    call, problems = application.call, []
    year = application.birth_year
    if call.birth_year_min and (year is None or year < call.birth_year_min):
        problems.append(_("born before %(year)d") % {"year": call.birth_year_min})
    if call.birth_year_max and (year is None or year > call.birth_year_max):
        problems.append(_("born after %(year)d") % {"year": call.birth_year_max})
    if call.requires_chinese_language and not application.is_chinese_language:
        problems.append(_("not a Chinese-language project"))
    if (application.earlier_works or 0) < call.min_earlier_works:
        problems.append(_("fewer than %(count)d earlier works") % {"count": call.min_earlier_works})
    return problems


@transaction.atomic
def application_set_eligibility(
    *, application: Application, eligible: bool, reason: str = ""
) -> Application:
    if not eligible and not reason.strip():
        raise ValidationError({"eligibility_reason": _("Say why it is not eligible.")})
    # Fresh and locked: a stale copy would write back whatever it held (a draft's state).
    application = Application.objects.select_for_update().get(pk=application.pk)
    state = Application.Eligibility.ELIGIBLE if eligible else Application.Eligibility.INELIGIBLE
    return validated_save(application, eligibility=state, eligibility_reason=reason.strip())


@transaction.atomic
def applications_move(*, applications: list[Application], round: Round) -> int:
    """Move submitted applications of the round's call into `round`, in bulk."""
    ids = [a.pk for a in applications if a.call_id == round.call_id]
    working_data_changed()  # an update sends no signal
    return Application.objects.filter(pk__in=ids, state=Application.State.SUBMITTED).update(
        round=round, updated_at=timezone.now()
    )


@transaction.atomic
def interview_slot_create(*, call: Call, **fields) -> InterviewSlot:
    return validated_save(InterviewSlot(call=call), **fields)


@transaction.atomic
def interview_slot_book(*, slot: InterviewSlot, application: Application) -> InterviewSlot:
    """Give the slot to an application and email the invitation, the interview attached as an
    .ics file (and a link to the same calendar file on the application page)."""
    if application.call_id != slot.call_id:
        raise ValidationError(_("The application belongs to another call."))
    InterviewSlot.objects.filter(application=application).exclude(pk=slot.pk).update(
        application=None, invited_at=None
    )
    working_data_changed()
    slot = validated_save(slot, application=application, invited_at=timezone.now())
    path = reverse("apply:interview_ics", kwargs={"slug": slot.call.slug})
    _applicant_email(
        application,
        "calls_interview_invitation",
        starts_at=timezone.localtime(slot.starts_at),
        minutes=slot.minutes,
        online_link=slot.online_link,
        ics_link=f"{settings.SITE_URL}{path}",
        attachments=(("interview.ics", interview_ics(slot).encode(), "text/calendar"),),
    )
    return slot


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def interview_ics(slot: InterviewSlot) -> str:
    """The interview as an iCalendar event (RFC 5545), in UTC."""
    stamp = "%Y%m%dT%H%M%SZ"
    start, end = slot.starts_at.astimezone(UTC), slot.ends_at.astimezone(UTC)
    title = _ics_text(f"{settings.SITE_NAME}: {slot.call.title}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//BJIFF TALENTS//calls//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:interview-{slot.pk}@{settings.SITE_URL.split('//')[-1].split('/')[0]}",
        f"DTSTAMP:{timezone.now().astimezone(UTC):{stamp}}",
        f"DTSTART:{start:{stamp}}",
        f"DTEND:{end:{stamp}}",
        f"SUMMARY:{title}",
        f"LOCATION:{_ics_text(slot.online_link)}" if slot.online_link else "",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(line for line in lines if line) + "\r\n"


@transaction.atomic
def application_decide(*, application: Application, decision: str, decided_by=None) -> Application:
    """Record a decision. Accepting enrols the applicant in the same transaction; a place
    on the waiting list is numbered after the last one."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state != Application.State.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be decided."))
    if application.eligibility == Application.Eligibility.INELIGIBLE:
        raise ValidationError(_("This application is not eligible."))
    if (
        decision not in Application.Decision.values
        or decision == Application.Decision.OFFER_DECLINED
    ):
        raise ValidationError(_("Unknown decision."))
    fields = {"decision": decision, "waitlist_position": None, "decision_notified_at": None}
    if decision == Application.Decision.WAITLISTED:
        last = application.call.applications.aggregate(Max("waitlist_position"))
        fields["waitlist_position"] = (last["waitlist_position__max"] or 0) + 1
    application = validated_save(application, **fields)
    if decision == Application.Decision.ACCEPTED:
        application_enrol(application=application)
    return application


def _unique_slug(model, base: str, **scope) -> str:
    base = slugify(base)[:40] or "talent"
    slug, n = base, 1
    while model.objects.filter(slug=slug, **scope).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def application_enrol(*, application: Application) -> Application:
    """Create (or link) the applicant's Talent, enrol it in the cohort and create the Film
    project from the application's title and logline. Run again, it creates nothing twice."""
    user, cohort = application.applicant, application.call.cohort
    talent = application.talent or Talent.objects.filter(user=user).first()
    if talent is None:
        talent = talent_create(
            slug=_unique_slug(Talent, application.name_latin or user.email.split("@")[0]),
            name_original=application.name_original,
            name_latin=application.name_latin,
            email=user.email,
            birth_year=application.birth_year,
        )
    if talent.user_id is None:
        talent_link_user(talent=talent, user=user)
    enrollment = Enrollment.objects.filter(talent=talent, cohort=cohort).first()
    if enrollment is None:
        enrollment_create(talent=talent, cohort=cohort)
    elif enrollment.status == Enrollment.Status.WITHDRAWN:
        enrollment_set_status(enrollment=enrollment, status=Enrollment.Status.SELECTED)
    film = application.film
    if film is None:
        film = film_create(
            cohort=cohort,
            director=talent,
            slug=_unique_slug(Film, application.title_en or talent.slug, cohort=cohort),
            title_zh=application.title_zh,
            title_en=application.title_en,
            logline_zh=application.logline_zh,
            logline_en=application.logline_en,
        )
    return validated_save(application, talent=talent, film=film)


@transaction.atomic
def offer_decline(*, application: Application) -> Application | None:
    """The accepted applicant turns the place down: their enrolment is withdrawn and the first
    on the waiting list is accepted (and enrolled). Returns the promoted application."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.decision != Application.Decision.ACCEPTED:
        raise ValidationError(_("Only an accepted offer can be declined."))
    validated_save(application, decision=Application.Decision.OFFER_DECLINED)
    if application.talent_id:
        enrollment = Enrollment.objects.filter(
            talent_id=application.talent_id, cohort=application.call.cohort
        ).first()
        if enrollment:
            enrollment_set_status(enrollment=enrollment, status=Enrollment.Status.WITHDRAWN)
    following = (
        application.call.applications.select_for_update()
        .filter(decision=Application.Decision.WAITLISTED, state=Application.State.SUBMITTED)
        .order_by("waitlist_position", "pk")
        .first()
    )
    if following is None:
        return None
    promoted = application_decide(application=following, decision=Application.Decision.ACCEPTED)
    decision_notify(application=promoted)
    return promoted


def decision_recipients(*, call: Call, decision: str):
    """The applications whose decision email is still to send."""
    return call.applications.filter(
        decision=decision, decision_notified_at__isnull=True, state=Application.State.SUBMITTED
    ).select_related("applicant", "call")


def decision_context(application: Application) -> dict:
    call, user = application.call, application.applicant
    return {
        "name": application.display_name,
        "call_title_zh": call.title_zh,
        "call_title_en": call.title_en,
        "project_title": application.title_zh or application.title_en,
        "decision": application.decision,
        "text": call.decision_text(application.decision, user.preferred_language),
        "link": f"{settings.SITE_URL}{reverse('apply:application', kwargs={'slug': call.slug})}",
        "portal_link": f"{settings.SITE_URL}{reverse('portal:home')}",
    }


def _applicant_email(
    application: Application, template: str, attachments: tuple = (), **context
) -> None:
    user = application.applicant
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template=template,
        context={**decision_context(application), **context},
        cause=f"application:{application.pk}",
        attachments=attachments,
    )


@transaction.atomic
def decision_notify(*, application: Application) -> None:
    _applicant_email(application, "calls_decision")
    validated_save(application, decision_notified_at=timezone.now())
    decision_sent_emit(application=application)


@transaction.atomic
def decisions_send(*, call: Call, decision: str, expected_count: int) -> int:
    """Email every applicant with this decision who has not heard yet, each in their language,
    and publish the decisions. `expected_count` is what staff saw in the preview: if it changed
    meanwhile nothing is sent, so nobody gets an email staff did not count."""
    recipients = list(decision_recipients(call=call, decision=decision).select_for_update())
    if len(recipients) != expected_count:
        raise ValidationError(
            _(
                "The number of recipients changed (%(now)d, not %(then)d): look at the "
                "preview again."
            )
            % {"now": len(recipients), "then": expected_count}
        )
    for application in recipients:
        decision_notify(application=application)
    if not call.results_published:
        validated_save(call, results_published=True)
    return len(recipients)
