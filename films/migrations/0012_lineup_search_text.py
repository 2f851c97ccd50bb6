"""The lineup search reads one generated column (Film.search_text: both titles and both
loglines, kept by the database) through one trigram index, instead of four columns through
four indexes, which PostgreSQL combined so poorly at 20,000 films that it scanned the table
(issue 20). The four per-column indexes of migration 0002 go; the directors' names keep
theirs. PostgreSQL only, as in 0002."""

import django.db.models.functions.text
from django.db import migrations, models

OLD_COLUMNS = ["title_zh", "title_en", "logline_zh", "logline_en"]
INDEX = "films_film_search_text_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "films_film" '
        'USING gin (UPPER("search_text") gin_trgm_ops)'
    )
    for column in OLD_COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "films_film_{column}_trgm"')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')
    for column in OLD_COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "films_film_{column}_trgm" ON "films_film" '
            f'USING gin (UPPER("{column}") gin_trgm_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0011_lineup_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="film",
            name="search_text",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.text.Concat(
                    "title_zh",
                    models.Value("\n"),
                    "title_en",
                    models.Value("\n"),
                    "logline_zh",
                    models.Value("\n"),
                    "logline_en",
                ),
                output_field=models.TextField(),
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
