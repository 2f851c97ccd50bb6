"""One row by its key, with the SQL built once per database connection instead of per request.

The queries every signed-in request runs (the person with their profiles, accounts.backends; a
staff member's second-factor device, accounts.security; an API token, accounts.tokens) cost more
to build than to run: Django compiles the SQL of a QuerySet each time it is evaluated, 0.9 ms of
the 1.36 ms the person's query took (issue 20, PostgreSQL). A `KeyLookup` compiles
`queryset.filter(<unique field>=…)` once per connection and then, per request, runs that SQL
with the key and builds the objects the way the ORM's own iterator does (select_related
included). The database stays the only source: no row is kept between requests.

A `RowInsert` does the same for the one row a request writes every time (the security trail's
record of an API token's use): the INSERT built once, the values prepared by their fields as
`save()` prepares them, no instance made and no validation run (the caller's values are its
own). It may also commit without waiting for the disk (`wait_for_disk=False`, below).

tests/core/test_compiled_queries.py holds their answers to the ORM's, on SQLite and PostgreSQL;
a Django upgrade that changes the internals used here fails there, not in production."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

_numbers = itertools.count()


@dataclass(frozen=True)
class _Compiled:
    sql: str
    compiler: object
    converters: dict
    init_list: list
    fields: slice
    populators: list
    fetch_mode: object


class KeyLookup:
    def __init__(
        self, queryset: Callable[[], QuerySet], *, field: str = "pk", placeholder=0
    ) -> None:
        # A callable: the models are not ready when the lookup is declared at import time.
        self.queryset = queryset
        # The unique field looked up, and a value of its type to compile the SQL with.
        self.field, self.placeholder = field, placeholder
        # A name of its own for ever: id() is reused once an object is gone, and a lookup made
        # later (in a test) would run the SQL another had kept on the connection.
        self.attribute = f"_key_lookup_{next(_numbers)}"
        self._model = None

    def get(self, key, *, writing: tuple[str, list] | None = None) -> Model | None:
        """`queryset.filter(<field>=key).first()`, or None for a key that cannot be one.

        `writing` (PostgreSQL): a data-modifying statement and its parameters, run in the same
        statement as `WITH writing AS (…)`: one round trip, and the same snapshot as the read
        (an `INSERT … SELECT` from the row looked up decides as the caller will). Whether its
        commit waits for the disk is its own SQL's to say (SKIP_THE_WAIT_CONDITION)."""
        model = self._model or self.queryset().model
        self._model = model
        field = model._meta.pk if self.field == "pk" else model._meta.get_field(self.field)
        try:
            key = field.to_python(key)
        except ValidationError:
            return None
        alias = router.db_for_write(model) if writing else router.db_for_read(model)
        compiled = self._compiled(alias)
        connection = connections[alias]
        sql, params = compiled.sql, [key]
        if writing is not None:
            sql, params = f"WITH writing AS ({writing[0]}) {sql}", [*writing[1], key]
        with prepared_cursor(connection) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchmany(1)
        if not rows:
            return None
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        row = next(iter(rows))
        found = model.from_db(
            alias, compiled.init_list, row[compiled.fields], fetch_mode=compiled.fetch_mode
        )
        for populator in compiled.populators:
            populator.populate(row, found)
        return found

    def _compiled(self, alias: str) -> _Compiled:
        # Kept on the connection: each thread has its own, and a new connection compiles anew.
        connection = connections[alias]
        compiled = connection.__dict__.get(self.attribute)
        if compiled is None:
            queryset = self.queryset().filter(**{self.field: self.placeholder})
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            # The key must be the only parameter: each request sends its own in its place.
            if params != (self.placeholder,):
                raise ValueError(f"a KeyLookup takes a query with no parameters: {params!r}")
            select, klass_info = compiler.select, compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            compiled = _Compiled(
                sql=sql,
                compiler=compiler,
                # What the ORM asks each column's field on every read (58 columns for a person).
                converters=compiler.get_converters([column[0] for column in select]),
                init_list=[column[0].target.attname for column in select[start:end]],
                fields=slice(start, end),
                populators=get_related_populators(klass_info, select, alias, queryset._fetch_mode),
                fetch_mode=queryset._fetch_mode,
            )
            connection.__dict__[self.attribute] = compiled
        return compiled


def prepared_cursor(connection):
    """A cursor whose statements stay prepared on the connection (core.postgresql: the
    statement is planned once, not on every request); Django's own cursor elsewhere (SQLite
    keeps its own statement cache)."""
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared is not None else connection.cursor()


# Sent before a statement in the same execute(): that statement's own transaction commits
# without waiting for the write-ahead log to reach the disk (see RowInsert).
SKIP_THE_WAIT = "SET LOCAL synchronous_commit TO off; "

# The same, as a condition of the statement itself (a prepared statement is one statement):
# `set_config(…, true)` is `SET LOCAL`, for the statement's own transaction. Volatile, so
# PostgreSQL evaluates it with the row it writes and never ahead of the query.
SKIP_THE_WAIT_CONDITION = "set_config('synchronous_commit', 'off', true) = 'off'"


def commit_may_skip_the_wait(connection) -> bool:
    # PostgreSQL only, and only for a statement that is its own transaction: inside one, the
    # setting would hold for the caller's whole transaction, so the statement commits with it.
    return (
        connection.vendor == "postgresql"
        and connection.get_autocommit()
        and not connection.in_atomic_block
    )


class RowInsert:
    """`model.objects.create(**values)` for exactly these fields (attribute names: `user_id`),
    without the instance, its validation or its signals.

    With `wait_for_disk=False`, on PostgreSQL and outside a transaction, the row's commit does not
    wait for the write-ahead log to reach the disk: `SET LOCAL synchronous_commit TO off` goes in
    the same statement, so it holds for this row's own transaction only (measured: 0.4 ms of
    waiting on this machine's disk, a request's largest single cost). PostgreSQL's promise for
    such a commit: the database stays consistent, and a crash of its server may lose the rows of
    the last moment (at most three times `wal_writer_delay`, 0.6 s by default). Any later commit
    that does wait flushes the log up to itself, this row included, as the log is written in
    order. Inside a transaction the row is written as part of it and commits with it."""

    def __init__(
        self, model: Callable[[], type[Model]], *, fields: tuple[str, ...], wait_for_disk=True
    ) -> None:
        self.model, self.field_names, self.wait_for_disk = model, fields, wait_for_disk
        self.attribute = f"_row_insert_{next(_numbers)}"

    def insert(self, **values) -> None:
        if set(values) != set(self.field_names):
            raise TypeError(f"a RowInsert takes exactly {self.field_names}: {sorted(values)}")
        model = self.model()
        connection = connections[router.db_for_write(model)]
        sql, fields = self._compiled(connection)
        params = [field.get_db_prep_save(values[field.attname], connection) for field in fields]
        # Two statements in one execute(): Django's cursor, which binds on the client.
        if (
            not self.wait_for_disk
            and commit_may_skip_the_wait(connection)
            and not connection.settings_dict["OPTIONS"].get("server_side_binding")
        ):
            sql = SKIP_THE_WAIT + sql
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def _compiled(self, connection) -> tuple[str, list]:
        compiled = connection.__dict__.get(self.attribute)
        if compiled is None:
            model = self.model()
            by_attname = {field.attname: field for field in model._meta.concrete_fields}
            fields = [by_attname[name] for name in self.field_names]
            # Each value goes in as a plain parameter; a field that needs SQL around its value
            # (its own placeholder) would be written wrong.
            if any(hasattr(field, "get_placeholder") for field in fields):
                raise ValueError("a RowInsert takes fields whose values are plain parameters")
            quote = connection.ops.quote_name
            # Names from the model, quoted by the backend; every value is a parameter.
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
                quote(model._meta.db_table),
                ", ".join(quote(field.column) for field in fields),
                ", ".join(["%s"] * len(fields)),
            )
            compiled = connection.__dict__[self.attribute] = (sql, fields)
        return compiled
