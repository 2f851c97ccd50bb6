"""Writes of the alumni record. Staff write entries as facts (approved as written); an alumnus
proposes entries, which wait for staff; the alumnus's consent to publish applies at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from alumni.models import AlumniEntry
from alumni.selectors import graduated_cohorts
from core.services import validated_save
from core.site import site_url
from outbox.services import message_enqueue
from programs.models import Cohort
from talents.models import Talent


def _require_alumnus(talent: Talent, cohort: Cohort) -> None:
    if cohort not in graduated_cohorts(talent):
        raise ValidationError(
            _("%(talent)s did not graduate from this edition.") % {"talent": talent}
        )


@transaction.atomic
def alumni_entry_record(
    *, talent: Talent, cohort: Cohort, recorded_by: User, **fields
) -> AlumniEntry:
    """Staff record an entry: approved as written, public once the alumnus consents (`publish`)."""
    _require_alumnus(talent, cohort)
    entry = AlumniEntry(
        talent=talent,
        cohort=cohort,
        status=AlumniEntry.Status.APPROVED,
        decided_by=recorded_by,
        decided_at=timezone.now(),
    )
    return validated_save(entry, **fields)


@transaction.atomic
def alumni_entry_propose(*, talent: Talent, proposed_by: User, **fields) -> AlumniEntry:
    """An alumnus proposes an entry about themselves, for the edition they graduated from last
    (or the one their film belongs to); it waits for staff."""
    cohorts = graduated_cohorts(talent)
    if not cohorts:
        raise ValidationError(_("Only graduated directors keep an alumni record."))
    film = fields.get("film")
    cohort = film.cohort if film is not None else cohorts[0]
    _require_alumnus(talent, cohort)
    entry = AlumniEntry(
        talent=talent, cohort=cohort, proposed_by=proposed_by, status=AlumniEntry.Status.PROPOSED
    )
    return validated_save(entry, **fields)


@transaction.atomic
def alumni_entry_update(*, entry: AlumniEntry, **fields) -> AlumniEntry:
    return validated_save(entry, **fields)


@transaction.atomic
def alumni_entry_decide(*, entry: AlumniEntry, decided_by: User, approve: bool) -> AlumniEntry:
    """Staff approve or decline a proposed entry, once (a second click changes nothing)."""
    entry = AlumniEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != AlumniEntry.Status.PROPOSED:
        raise ValidationError(_("This entry was decided already."))
    status = AlumniEntry.Status.APPROVED if approve else AlumniEntry.Status.DECLINED
    entry = validated_save(entry, status=status, decided_by=decided_by, decided_at=timezone.now())
    _decision_email(entry)
    return entry


def _decision_email(entry: AlumniEntry) -> None:
    """The alumnus who proposed an entry hears of staff's decision, in their language."""
    user = entry.talent.user
    if user is None or not user.is_active:
        return
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template="alumni_entry_decided",
        context={"entry": entry, "link": f"{site_url()}{reverse('portal:alumni')}"},
        cause=f"alumni_entry:{entry.pk}",
    )


@transaction.atomic
def alumni_entry_consent_set(*, entry: AlumniEntry, publish: bool) -> AlumniEntry:
    """The alumnus's consent to publish: applies at once, with no approval (like the profile's
    consent flags), so withdrawing it takes the entry off the public site immediately."""
    return validated_save(entry, publish=publish)
