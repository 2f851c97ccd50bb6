"""core.compiled_queries.KeyLookup answers what `queryset.filter(pk=key).first()` answers, with
its SQL built once per connection; RowInsert stores what `create()` stores, and commits without
waiting for the disk only where it may."""

import pytest
from django.db import connection, connections
from django.utils import timezone

from accounts.models import SecurityEvent, User
from accounts.tokens import USE_FIELDS
from core.compiled_queries import KeyLookup, RowInsert
from films.models import Film
from tests.factories import FilmFactory, UserFactory

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def test_a_row_with_its_related_rows_is_what_the_orm_reads(django_assert_num_queries):
    film = FilmFactory(title_en="The Cage", title_zh="笼")
    lookup = KeyLookup(lambda: Film.objects.select_related("cohort__program", "director"))
    expected = Film.objects.select_related("cohort__program", "director").get(pk=film.pk)

    with django_assert_num_queries(1):
        found = lookup.get(film.pk)
        related = (found.cohort, found.cohort.program, found.director)

    assert fields(found) == fields(expected)
    assert [fields(row) for row in related] == [
        fields(expected.cohort),
        fields(expected.cohort.program),
        fields(expected.director),
    ]


def test_the_sql_is_built_once_per_connection(monkeypatch):
    first, second = UserFactory(), UserFactory()
    lookup = KeyLookup(lambda: User.objects.all())
    assert lookup.get(first.pk) == first

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr("django.db.models.sql.compiler.SQLCompiler.as_sql", no_compiling)

    assert lookup.get(second.pk).email == second.email
    assert lookup.attribute in connections["default"].__dict__


def test_a_lookup_made_after_another_is_gone_runs_its_own_sql():
    person = UserFactory(email="first@example.org")
    by_email = KeyLookup(lambda: User.objects.all(), field="email", placeholder="")
    assert by_email.get("first@example.org") == person
    del by_email  # its id may now be given to the next object made

    found = [KeyLookup(lambda: User.objects.all()).get(person.pk) for _ in range(20)]

    assert found == [person] * 20


def test_a_missing_row_and_a_key_that_is_not_one_are_none():
    lookup = KeyLookup(lambda: User.objects.all())

    assert lookup.get(10**6) is None
    assert lookup.get("seven") is None


def test_a_query_with_parameters_of_its_own_is_refused():
    lookup = KeyLookup(lambda: User.objects.filter(full_name="Chen Linpeng"))

    with pytest.raises(ValueError, match="no parameters"):
        lookup.get(1)


def trail_values(person) -> dict:
    return {
        "recorded_at": timezone.now(),
        "kind": SecurityEvent.Kind.API_TOKEN_USED,
        "user_id": person.pk,
        "actor_id": person.pk,
        "email": person.email,
        "actor_email": person.email,
        "ip_address": "203.0.113.7",
        "details": {"token": 7, "method": "GET", "path": "/api/v1/films/?q=洛桑'\"; --"},
    }


class SentSQL(list):
    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('synchronous_commit')")
        return cursor.fetchone()[0]


def test_a_row_insert_stores_what_create_stores():
    person = UserFactory()
    values = trail_values(person)

    RowInsert(lambda: SecurityEvent, fields=USE_FIELDS).insert(**values)
    created = SecurityEvent.objects.create(**values)

    inserted = SecurityEvent.objects.exclude(pk=created.pk).get()
    assert {**fields(inserted), "id": None} == {**fields(created), "id": None}
    assert inserted.details["path"] == "/api/v1/films/?q=洛桑'\"; --"


def test_a_row_insert_takes_exactly_its_fields():
    values = trail_values(UserFactory())
    insert = RowInsert(lambda: SecurityEvent, fields=USE_FIELDS)

    with pytest.raises(TypeError, match="exactly"):
        insert.insert(**{**values, "surprise": 1})
    with pytest.raises(TypeError, match="exactly"):
        insert.insert(**{k: v for k, v in values.items() if k != "details"})
    assert not SecurityEvent.objects.exists()


def test_inside_a_transaction_the_row_commits_with_it_and_waits_like_it():
    person = UserFactory()
    sent = SentSQL()

    with connection.execute_wrapper(sent):
        RowInsert(lambda: SecurityEvent, fields=USE_FIELDS, wait_for_disk=False).insert(
            **trail_values(person)
        )

    assert connection.in_atomic_block  # the test's own transaction
    assert sent == [sent[0]] and "synchronous_commit" not in sent[0]
    if connection.vendor == "postgresql":
        assert synchronous_commit() == "on"
    assert SecurityEvent.objects.get().user == person


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_row_need_not_wait_for_the_disk_on_postgresql():
    person = UserFactory()
    sent = SentSQL()

    with connection.execute_wrapper(sent):
        RowInsert(lambda: SecurityEvent, fields=USE_FIELDS, wait_for_disk=False).insert(
            **trail_values(person)
        )
        RowInsert(lambda: SecurityEvent, fields=USE_FIELDS).insert(**trail_values(person))

    skips_the_wait = [sql.startswith("SET LOCAL synchronous_commit TO off; ") for sql in sent]
    assert skips_the_wait == [connection.vendor == "postgresql", False]
    assert SecurityEvent.objects.filter(user=person).count() == 2
    if connection.vendor == "postgresql":
        # For that row's transaction only: the connection's next commits wait again.
        assert synchronous_commit() == "on"
