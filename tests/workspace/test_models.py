import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import CohortFactory, FilmFactory, UserFactory
from workspace.models import Announcement, AuditEntry, name_linked_records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # These tests read the field names and labels in English; the default language is Chinese.
    with translation.override("en"):
        yield


def entry(**fields) -> AuditEntry:
    defaults = {
        "door": AuditEntry.Door.SYSTEM,
        "action": AuditEntry.Action.CHANGED,
        "model_label": "films.Film",
        "object_pk": "1",
        "object_repr": "A film",
    }
    return AuditEntry(**(defaults | fields))


def test_readable_changes_names_fields_in_the_readers_language_with_choice_labels():
    changes = {"is_published": [False, True], "stage": ["development", None]}

    readable = entry(changes=changes).readable_changes()

    assert [(str(name), str(before), after) for name, before, after in readable] == [
        ("Published", "no", "yes"),
        ("Production stage", "Development", None),
    ]


def test_readable_changes_of_a_removed_model_or_field_stay_as_stored():
    removed_model = entry(model_label="gone.Thing", changes={"colour": ["red", "blue"]})
    removed_field = entry(changes={"old_field": [1, 2]})

    assert removed_model.readable_changes() == [("colour", "red", "blue")]
    assert removed_field.readable_changes() == [("old_field", 1, 2)]


def test_linked_records_are_named_in_one_query_per_model_and_a_deleted_one_says_so(
    django_assert_num_queries,
):
    first, second = CohortFactory(), CohortFactory()
    gone = CohortFactory()
    gone_pk = gone.pk
    gone.delete()
    entries = [
        entry(changes={"cohort_id": [first.pk, second.pk]}),
        entry(changes={"cohort_id": [second.pk, gone_pk], "stage": ["development", None]}),
    ]

    with django_assert_num_queries(1):
        name_linked_records(entries)

    assert [(after) for _name, _before, after in entries[0].readable_changes()] == [str(second)]
    assert entries[0].readable_changes()[0][1] == str(first)
    readable = entries[1].readable_changes()
    assert str(readable[0][2]) == f"#{gone_pk} (deleted)"
    assert readable[1][1] == "Development"


def test_ids_stay_as_stored_when_the_entries_were_not_named():
    assert entry(changes={"cohort_id": [1, 2]}).readable_changes()[0][1:] == (1, 2)


def test_audit_entries_read_newest_first():
    film = FilmFactory()
    AuditEntry.objects.all().delete()
    first = entry(object_pk=str(film.pk))
    first.save()
    second = entry(object_pk=str(film.pk))
    second.save()

    assert list(AuditEntry.objects.filter(object_pk=str(film.pk))) == [second, first]


def test_announcement_needs_a_subject_and_a_message_in_one_language_at_least():
    cohort = CohortFactory()

    with pytest.raises(ValidationError) as error:
        Announcement(cohort=cohort, sent_by=UserFactory()).full_clean()

    assert sorted(error.value.messages) == [
        "Write a subject in at least one language.",
        "Write the message in at least one language.",
    ]


def test_announcement_in_one_language_is_valid_and_reads_in_it():
    announcement = Announcement(
        cohort=CohortFactory(), sent_by=UserFactory(), subject_zh="通知", body_zh="内容"
    )

    announcement.full_clean()

    assert (str(announcement), str(announcement.body)) == ("通知", "内容")
