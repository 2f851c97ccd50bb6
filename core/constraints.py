"""A PostgreSQL exclusion constraint that the same models and migrations carry on SQLite too.

On PostgreSQL it is django.contrib.postgres's ExclusionConstraint, unchanged. On any other
database its SQL is empty (Django's schema editor skips an empty constraint, whether the table
is created, altered or remade), so the rule it enforces must also be checked by the service that
writes, inside its transaction; resources.services.booking_request does that."""

from django.contrib.postgres.constraints import ExclusionConstraint


def _is_postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class PostgreSQLExclusionConstraint(ExclusionConstraint):
    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor) if _is_postgresql(schema_editor) else None
        )

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if _is_postgresql(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if _is_postgresql(schema_editor) else None

    def check_supported(self, schema_editor) -> None:
        if _is_postgresql(schema_editor):
            super().check_supported(schema_editor)

    def validate(self, model, instance, exclude=None, using=None) -> None:
        # Model validation leaves the overlap to the writing service, which names the booking in
        # the way (a message this constraint cannot give); the database refuses the rest.
        return
