import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from core.services import image_replace, rows_update, rows_updated, validated_save
from outbox.models import OutboxMessage
from talents.models import Talent
from tests.factories import TalentFactory
from tests.factories.outbox import OutboxMessageFactory
from tests.factories.portal import image_bytes

pytestmark = pytest.mark.django_db


def test_validated_save_sets_the_fields_and_saves():
    talent = TalentFactory()

    validated_save(talent, bio_en="New.", birth_year=1990)

    talent.refresh_from_db()
    assert (talent.bio_en, talent.birth_year) == ("New.", 1990)


def test_validated_save_refuses_what_the_model_refuses_and_saves_nothing():
    talent = TalentFactory(birth_year=1990)

    with pytest.raises(ValidationError) as error:
        validated_save(talent, birth_year=1800)

    talent.refresh_from_db()
    assert talent.birth_year == 1990
    assert list(error.value.message_dict) == ["birth_year"]


def test_image_replace_keeps_the_alt_texts_not_given(django_capture_on_commit_callbacks):
    talent = TalentFactory(headshot_alt_zh="旧", headshot_alt_en="Old")

    with django_capture_on_commit_callbacks(execute=True):
        image_replace(
            talent, field="headshot", image=ContentFile(image_bytes(), "a.png"), alt_en="New"
        )

    talent.refresh_from_db()
    assert (talent.headshot_alt_zh, talent.headshot_alt_en) == ("旧", "New")
    assert talent.headshot.name.startswith("headshots/")
    assert talent.headshot.name != "headshots/a.png"


def test_image_replace_deletes_the_replaced_file_only_once_the_change_commits(
    django_capture_on_commit_callbacks,
):
    talent = TalentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        image_replace(
            talent, field="headshot", image=ContentFile(image_bytes(), "a.png"), alt_en="A"
        )
    first = talent.headshot.name
    storage = talent.headshot.storage

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image_replace(talent, field="headshot", image=ContentFile(image_bytes(), "b.png"))
    kept_until_commit = storage.exists(first)
    for callback in callbacks:
        callback()

    assert (kept_until_commit, storage.exists(first), storage.exists(talent.headshot.name)) == (
        True,
        False,
        True,
    )


def test_image_replace_deletes_the_new_file_when_the_save_is_refused(settings):
    talent = TalentFactory()

    with pytest.raises(ValidationError):
        # No alt text in either language: the model refuses a headshot without one.
        image_replace(talent, field="headshot", image=ContentFile(image_bytes(), "a.png"))

    assert list((settings.MEDIA_ROOT / "headshots").glob("*")) == []


def test_rows_update_of_a_model_nobody_listens_to_updates_in_one_query(
    django_assert_num_queries,
):
    OutboxMessageFactory()
    assert not rows_updated.has_listeners(OutboxMessage)

    with django_assert_num_queries(1):
        count = rows_update(OutboxMessage.objects.all(), subject="changed")

    assert count == 1
    assert OutboxMessage.objects.get().subject == "changed"


def test_rows_update_sends_the_rows_as_they_were_to_a_listener():
    first, second = TalentFactory(bio_en="a"), TalentFactory(bio_en="b")
    TalentFactory(bio_en="untouched")
    heard = []

    def listener(sender, before, pks, fields, **kwargs):
        heard.append((sender, sorted(t.bio_en for t in before), sorted(pks), fields))

    rows_updated.connect(listener, sender=Talent)
    try:
        count = rows_update(Talent.objects.filter(pk__in=[first.pk, second.pk]), bio_en="c")
    finally:
        rows_updated.disconnect(listener, sender=Talent)

    assert count == 2
    assert heard == [(Talent, ["a", "b"], sorted([first.pk, second.pk]), ("bio_en",))]
    assert sorted(Talent.objects.values_list("bio_en", flat=True)) == ["c", "c", "untouched"]
