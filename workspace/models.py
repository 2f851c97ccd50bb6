"""The staff workspace's own records: the change history of the program's working data, and the
announcements staff sent. The workspace sits on top of every app and nothing imports it."""

from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.bilingual import Bilingual
from core.models import TimeStampedModel
from programs.models import Cohort


class AuditEntry(models.Model):
    """One change to a film, submission, enrolment or screening: who, when, through which door,
    and each changed field's value before and after. Written by workspace.audit, never edited."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")

    class Door(models.TextChoices):
        WORKSPACE = "workspace", _("Staff workspace")
        PORTAL = "portal", _("Portal")
        ADMIN = "admin", _("Django admin")
        SITE = "site", _("Website")
        SYSTEM = "system", _("System (command or task)")

    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as text too: the history must still say who it was after their account is deleted.
    actor_name = models.CharField(_("who"), max_length=300, blank=True)
    door = models.CharField(_("through"), max_length=16, choices=Door)
    action = models.CharField(_("action"), max_length=16, choices=Action)
    model_label = models.CharField(_("record type"), max_length=100)
    object_pk = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    # The film the record belongs to (a film, its submissions, credits, lineup places), so a
    # film's page reads its whole history with one indexed query. Not a foreign key: the history
    # outlives a deleted film.
    film_pk = models.PositiveBigIntegerField(_("film id"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["film_pk", "recorded_at"], name="audit_film_idx"),
            models.Index(fields=["model_label", "object_pk"], name="audit_object_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.recorded_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"
        )

    def _fields(self) -> dict:
        try:
            return {f.attname: f for f in apps.get_model(self.model_label)._meta.concrete_fields}
        except LookupError:  # a model since removed: its history stays readable as stored
            return {}

    def readable_changes(self) -> list[tuple[str, object, object]]:
        """Each change as (the field's name in the reader's language, before, after), choices
        by their label, yes/no for booleans and linked records by their name (when the entries
        went through name_linked_records): the stored names and ids are the code's, not people's."""
        fields = self._fields()
        linked = getattr(self, "linked_names", None)
        return [
            (
                capfirst(fields[name].verbose_name) if name in fields else name,
                _readable(fields.get(name), before, linked),
                _readable(fields.get(name), after, linked),
            )
            for name, (before, after) in self.changes.items()
        ]


def _linked(field) -> bool:
    return field is not None and field.many_to_one and field.related_model is not None


def name_linked_records(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Changes to a foreign key are stored as ids ("Milestone: 12 → 14"); a reader wants the
    records' names. One query per linked model for the whole list, however many entries."""
    wanted = defaultdict(set)
    for entry in entries:
        fields = entry._fields()
        for name, values in entry.changes.items():
            if _linked(fields.get(name)):
                wanted[fields[name].related_model].update(v for v in values if v is not None)
    names = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, str(obj.pk))] = str(obj)
    for entry in entries:
        entry.linked_names = names
    return entries


def _readable(field, value, linked: dict | None):
    if field is None or value is None:
        return value
    if linked is not None and _linked(field):
        # A record deleted since keeps its id, said as such.
        return linked.get((field.related_model, str(value))) or _("#%(id)s (deleted)") % {
            "id": value
        }
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    return value


class Announcement(TimeStampedModel):
    """A message staff sent to a cohort, or to its directors, producers or panel. Written in
    both languages; each recipient gets theirs through the outbox."""

    class Audience(models.TextChoices):
        COHORT = "cohort", _("The whole cohort")
        DIRECTORS = "directors", _("Directors")
        PRODUCERS = "producers", _("Producers")
        PANEL = "panel", _("Coaching panel")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("cohort")
    )
    audience = models.CharField(_("to"), max_length=16, choices=Audience, default=Audience.COHORT)
    subject_zh = models.CharField(_("subject (Chinese)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_zh = models.TextField(_("message (Chinese)"), max_length=10000, blank=True)
    body_en = models.TextField(_("message (English)"), max_length=10000, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    subject = Bilingual("subject")
    body = Bilingual("body")

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject_zh="") | ~Q(subject_en=""),
                name="announcement_has_a_subject",
                violation_error_message=_("Write a subject in at least one language."),
            ),
            models.CheckConstraint(
                condition=~Q(body_zh="") | ~Q(body_en=""),
                name="announcement_has_a_message",
                violation_error_message=_("Write the message in at least one language."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.subject)
