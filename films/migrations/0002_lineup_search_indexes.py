"""Trigram indexes for the lineup search. Chinese has no spaces between words, so word-based
full-text search cannot find a two-character substring of a title; a pg_trgm GIN index lets
`icontains` on titles, names and loglines use an index. PostgreSQL only: on SQLite the search
falls back to a plain scan, which is fine at demo size."""

from django.db import migrations

TRIGRAM_COLUMNS = {
    "films_film": ["title_zh", "title_en", "logline_zh", "logline_en"],
    "talents_talent": ["name_original", "name_latin"],
}


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in TRIGRAM_COLUMNS.items():
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index_name(table, column)}" '
                f'ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)'
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in TRIGRAM_COLUMNS.items():
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0001_initial"),
        ("talents", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
