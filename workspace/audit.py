"""The change history of the program's working data, whichever door a change comes through
(workspace, portal, admin, a command). Model signals are the one place every save and delete
passes, so the history is kept here rather than in each service; the domain apps stay unaware
of it, as the dependency direction wants. `QuerySet.update` sends no model signals: services
that change many rows at once call core.services.rows_update, whose `rows_updated` signal is
recorded here row by row. Plain `update`/`bulk_create` are left to bookkeeping nobody decides
(poster thumbnail progress) and the demo loader.

Why a recorder of our own rather than django-simple-history or django-auditlog (both install and
record on Django 6.1): neither records `QuerySet.update`; simple-history adds a shadow table and
a migration per model in each domain app; auditlog's LogEntry has no door (workspace, portal,
admin, command) and no film to read a film's whole history with one indexed query; and both
would need the erasure (workspace.privacy) to learn a second store of names.

Who made the change comes from the request being served (core.request_context); outside a
request the change is recorded as the system's."""

from __future__ import annotations

import datetime
import decimal

from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save

from core.request_context import current_request
from core.services import rows_updated
from films.models import Credit, Film, FilmRevision, MilestoneSubmission
from grants.models import BudgetLine, Grant, Instalment
from mentors.models import Mentor, PanelMembership
from programs.models import Cohort, CohortPartner, MilestoneDefinition, Partner
from screenings.models import Screening, ScreeningFilm, Venue
from talents.models import Enrollment, Talent
from workspace.models import Announcement, AuditEntry

# Everything staff (or directors and mentors, through the portal) can change.
AUDITED_MODELS = (
    Cohort,
    MilestoneDefinition,
    Partner,
    CohortPartner,
    Talent,
    Mentor,
    PanelMembership,
    Enrollment,
    Film,
    Credit,
    FilmRevision,
    MilestoneSubmission,
    Venue,
    Screening,
    ScreeningFilm,
    Announcement,
    BudgetLine,
    Grant,
    Instalment,
)
# Bookkeeping that changes without anyone deciding it (timestamps, thumbnail progress).
NOT_RECORDED = {
    "created_at",
    "updated_at",
    "poster_thumbnails",
    "poster_attempts",
    "poster_width",
    "poster_height",
    "poster_error",
    "poster_status",
    # Computed by the database from the titles and loglines, which are recorded themselves.
    "search_text",
}
# Secrets: the history says that they changed, never what they are.
SECRET_FIELDS = {"video_url", "access_code"}
HIDDEN = "•••"
DOORS = {
    "admin": AuditEntry.Door.ADMIN,
    "portal": AuditEntry.Door.PORTAL,
    "accounts": AuditEntry.Door.PORTAL,
    "workspace": AuditEntry.Door.WORKSPACE,
}


def connect() -> None:
    for model in AUDITED_MODELS:
        uid = f"audit-{model._meta.label}"
        pre_save.connect(_remember_before, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_record_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_record_delete, sender=model, dispatch_uid=f"{uid}-delete")
        rows_updated.connect(_record_rows, sender=model, dispatch_uid=f"{uid}-rows")


def snapshot(instance: models.Model) -> dict:
    return {
        field.attname: _recorded(field.attname, field.value_from_object(instance))
        for field in instance._meta.concrete_fields
        if field.attname not in NOT_RECORDED and not field.primary_key
    }


def _recorded(name: str, value):
    if name in SECRET_FIELDS:
        return HIDDEN if value else ""
    return _plain(value)


def _remember_before(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance._state.adding or instance.pk is None:
        instance._audit_before = None
        return
    # The stored row, not the instance's loaded values: the instance may be long-lived.
    stored = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(stored) if stored is not None else None


def _record_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_audit_before", None) or {}
    after = snapshot(instance)
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value and not (created and value in ("", None, [], {}))
    }
    if changes or created:
        action = AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED
        _write(instance, action, changes)


def _record_rows(sender, before: list, pks: list, **kwargs) -> None:
    after = {row.pk: row for row in sender._base_manager.filter(pk__in=pks)}
    for old in before:
        new = after.get(old.pk)
        if new is None:
            continue
        old_values, new_values = snapshot(old), snapshot(new)
        changes = {
            name: [old_values[name], value]
            for name, value in new_values.items()
            if old_values[name] != value
        }
        if changes:
            _write(new, AuditEntry.Action.CHANGED, changes)


def _record_delete(sender, instance, **kwargs) -> None:
    before = snapshot(instance)
    _write(instance, AuditEntry.Action.DELETED, {name: [v, None] for name, v in before.items()})


def _write(instance: models.Model, action: str, changes: dict) -> None:
    request = current_request()
    user = getattr(request, "user", None) if request is not None else None
    signed_in = user is not None and user.is_authenticated
    AuditEntry.objects.create(
        actor=user if signed_in else None,
        actor_name=str(user) if signed_in else "",
        door=_door(request),
        action=action,
        model_label=instance._meta.label,
        object_pk=str(instance.pk),
        object_repr=str(instance)[:300],
        film_pk=instance.pk if isinstance(instance, Film) else getattr(instance, "film_id", None),
        changes=changes,
    )


def _door(request) -> str:
    if request is None:
        return AuditEntry.Door.SYSTEM
    match = getattr(request, "resolver_match", None)
    namespace = match.namespaces[0] if match and match.namespaces else ""
    return DOORS.get(namespace, AuditEntry.Door.SITE)


def _plain(value):
    """A JSON-safe form of a field's value."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value
