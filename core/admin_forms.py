"""The admin is a door too: images uploaded through it go through core/uploads.py like any
other (checked by content, re-encoded without metadata, stored under a server-made name)."""

from django import forms
from django.core.exceptions import ValidationError

from core.uploads import clean_image_upload


class CheckedImagesModelForm(forms.ModelForm):
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
