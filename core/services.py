"""Plumbing that every app's services share."""

from django.db import models


def validated_save[ModelT: models.Model](instance: ModelT, **fields) -> ModelT:
    """Set fields, check every invariant the model declares, save. The one way services write."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance
