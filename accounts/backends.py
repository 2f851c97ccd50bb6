"""How a signed-in request finds its person: Django's ModelBackend, reading the person's director
and mentor profiles in the same query. Every signed-in page's navigation asks whether the person
is a director or a mentor (User.is_director, User.is_mentor), which cost two more queries a page
when each profile was read on its own.

That query runs on every signed-in request, and building its SQL (three models' columns, two
joins) cost twice as long as running it: 1.36 ms a request against 0.44 ms for the SQL alone
(issue 20, measured on PostgreSQL). So it is compiled once per database connection, and each
request runs the compiled SQL and builds the objects the way the ORM's own iterator does. The
database stays the only source: nothing about the person is kept between requests.
(tests/accounts/test_backends.py holds it to the ORM's answer, on SQLite and PostgreSQL.)"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models.query import get_related_populators

from accounts.models import User

# The reverse one-to-one relations of talents.Talent.user and mentors.Mentor.user; a missing
# profile is remembered as missing, so `is_director` asks nothing either.
PROFILES = ("talent_profile", "mentor_profile")


@dataclass(frozen=True)
class _CompiledPersonQuery:
    sql: str
    compiler: object
    init_list: list
    fields: slice
    populators: list
    fetch_mode: object


def _compiled(alias: str) -> _CompiledPersonQuery:
    connection = connections[alias]
    compiled = connection.__dict__.get("_person_query")
    if compiled is None:
        queryset = User._default_manager.select_related(*PROFILES).filter(pk=0)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        # The only parameter is the key: each request sends its own in its place.
        assert params == (0,), params  # noqa: S101 (a Django upgrade that changes this must fail)
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        compiled = _CompiledPersonQuery(
            sql=sql,
            compiler=compiler,
            init_list=[column[0].target.attname for column in select[start:end]],
            fields=slice(start, end),
            populators=get_related_populators(klass_info, select, alias, queryset._fetch_mode),
            fetch_mode=queryset._fetch_mode,
        )
        connection.__dict__["_person_query"] = compiled
    return compiled


def person_with_profiles(user_id) -> User | None:
    """The user with this key and their director and mentor profiles (or None): what
    `User.objects.select_related(*PROFILES).filter(pk=user_id).first()` answers, in one query."""
    try:
        user_id = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    alias = router.db_for_read(User)
    compiled = _compiled(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(compiled.sql, [user_id])
        rows = cursor.fetchmany(1)
    if not rows:
        return None
    row = next(compiled.compiler.results_iter([rows]))
    user = User.from_db(
        alias, compiled.init_list, row[compiled.fields], fetch_mode=compiled.fetch_mode
    )
    for populator in compiled.populators:
        populator.populate(row, user)
    return user


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        user = person_with_profiles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
