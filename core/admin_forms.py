"""The admin is a door too: images uploaded through it go through core/uploads.py like any
other (checked by content, re-encoded without metadata, stored under a server-made name), and
an image it replaces or clears is deleted, as the services delete theirs (core.services.
image_replace): a replaced headshot left on disk would outlive the person's erasure."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.uploads import clean_image_upload


class CheckedImagesModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance._state.adding is False
        self._stored_files = {
            field.name: getattr(self.instance, field.name).name
            for field in self.instance._meta.concrete_fields
            if stored and isinstance(field, models.FileField)
        }

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            upload = cleaned.get(name)
            if isinstance(field, forms.ImageField) and name in self.changed_data and upload:
                try:
                    cleaned[name] = clean_image_upload(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        for name, old_name in self._stored_files.items():
            field_file = getattr(instance, name)
            if old_name and name in self.changed_data and field_file.name != old_name:
                # The admin saves in a transaction: the file goes once the new row is committed.
                storage = field_file.storage
                transaction.on_commit(lambda s=storage, n=old_name: s.delete(n))
        return instance
