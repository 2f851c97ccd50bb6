"""core.compiled_queries.KeyLookup answers what `queryset.filter(pk=key).first()` answers, with
its SQL built once per connection."""

import pytest
from django.db import connections

from accounts.models import User
from core.compiled_queries import KeyLookup
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


def test_a_missing_row_and_a_key_that_is_not_one_are_none():
    lookup = KeyLookup(lambda: User.objects.all())

    assert lookup.get(10**6) is None
    assert lookup.get("seven") is None


def test_a_query_with_parameters_of_its_own_is_refused():
    lookup = KeyLookup(lambda: User.objects.filter(full_name="Chen Linpeng"))

    with pytest.raises(ValueError, match="no parameters"):
        lookup.get(1)
