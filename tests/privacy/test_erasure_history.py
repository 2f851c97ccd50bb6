"""workspace.privacy: erasing a person forgets what the change history held of them, and only of
them: another person's profile and deliverables, another record type with the same id, and the
names of the staff who made other changes are left as they were (found by ./dev mutants)."""

import pytest

from films.models import Film, FilmRevision
from mentors.models import Mentor
from tests.factories import RevisionFactory, SubmissionFactory, UserFactory, portal_world
from workspace.models import AuditEntry
from workspace.privacy import person_erase_everywhere

pytestmark = pytest.mark.django_db

FORGOTTEN = ["Erased person", "Erased person"]


def history(record, changes: dict, *, label: str = "", pk=None, actor=None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=str(actor) if actor else "",
        door=AuditEntry.Door.WORKSPACE,
        action=AuditEntry.Action.CHANGED,
        model_label=label or record._meta.label,
        object_pk=str(pk if pk is not None else record.pk),
        object_repr=str(record),
        changes=changes,
    )


def changes_of(entry: AuditEntry) -> dict:
    entry.refresh_from_db()
    return entry.changes


def test_erasure_forgets_the_persons_history_and_keeps_everybody_elses():
    world = portal_world()
    talent = world.film.director
    neighbour = Film.objects.get(director__user=world.same_cohort_director)
    revision = RevisionFactory(
        film=world.film, kind=FilmRevision.Kind.PROFILE, proposed_by=world.director
    )
    own = [
        history(talent, {"bio_en": ["", "Grew up in Chengdu."]}),
        history(world.submission, {"note": ["", "Password: owl"]}),
        history(revision, {"proposed": [{}, {"bio_en": "Grew up in Chengdu."}]}),
    ]
    kept = {
        "neighbour's profile": history(neighbour.director, {"bio_en": ["", "Their own bio."]}),
        "a mentor with the same id": history(
            talent, {"bio_en": ["", "A mentor's bio."]}, label=Mentor._meta.label
        ),
        "neighbour's deliverable": history(
            SubmissionFactory(film=neighbour), {"note": ["", "Their note."]}
        ),
    }
    before = {name: dict(entry.changes) for name, entry in kept.items()}
    staff_entry = history(world.film, {"title_en": ["A", "B"]}, actor=world.staff)

    erased_user = person_erase_everywhere(talent=talent, by=UserFactory(is_staff=True))

    assert erased_user == world.director
    assert [changes_of(entry) for entry in own] == [
        {"bio_en": FORGOTTEN},
        {"note": FORGOTTEN},
        {"proposed": FORGOTTEN},
    ]
    assert {name: changes_of(entry) for name, entry in kept.items()} == before
    staff_entry.refresh_from_db()
    assert staff_entry.actor_name == str(world.staff)


def test_a_deliverable_history_entry_of_another_record_type_with_the_same_id_is_kept():
    world = portal_world()
    same_id = history(world.submission, {"note": ["", "Kept."]}, label=Film._meta.label)

    person_erase_everywhere(talent=world.film.director, by=UserFactory(is_staff=True))

    assert changes_of(same_id) == {"note": ["", "Kept."]}
