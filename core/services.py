"""Plumbing that every app's services share."""

from pathlib import PurePath

from django.core.files import File
from django.db import models, transaction
from django.dispatch import Signal

from core.uploads import removed_if_failed, server_file_name


def validated_save[ModelT: models.Model](instance: ModelT, **fields) -> ModelT:
    """Set fields, check every invariant the model declares, save. The one way services write."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def image_replace[ModelT: models.Model](
    instance: ModelT, *, field: str, image: File, alt_zh: str = "", alt_en: str = ""
) -> ModelT:
    """Store an already checked and re-encoded image (core.uploads.clean_image_upload) in
    `field` under a server-made name, with its alt texts (`<field>_alt_zh/en`); the image it
    replaces is deleted once the change commits, the new one if the save fails."""
    field_file = getattr(instance, field)
    replaced = field_file.name
    field_file.save(server_file_name(PurePath(image.name).suffix), image, save=False)
    with removed_if_failed(field_file), transaction.atomic():
        validated_save(
            instance,
            **{
                f"{field}_alt_zh": alt_zh or getattr(instance, f"{field}_alt_zh"),
                f"{field}_alt_en": alt_en or getattr(instance, f"{field}_alt_en"),
            },
        )
        storage = field_file.storage
        if replaced:
            transaction.on_commit(lambda: storage.delete(replaced))
    return instance


# Sent after rows_update changed rows: `before` holds the rows as they were, `pks` their keys.
# The change history (workspace.audit) listens, since QuerySet.update sends no model signals.
rows_updated = Signal()


def rows_update(queryset: models.QuerySet, **fields) -> int:
    """QuerySet.update that the change history still sees: for a model someone listens to, the
    rows are read first and `rows_updated` is sent with them once they are changed."""
    model = queryset.model
    if not rows_updated.has_listeners(model):
        return queryset.update(**fields)
    before = list(queryset)
    pks = [row.pk for row in before]
    count = model._base_manager.filter(pk__in=pks).update(**fields)
    rows_updated.send(sender=model, before=before, pks=pks, fields=tuple(fields))
    return count
