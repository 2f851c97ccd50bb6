"""The visitor's registration form (public site)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guests.models import CATEGORIES_WITH_ORGANISATION, RegistrationPolicy


class RegistrationForm(forms.Form):
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=120, required=False)
    email = forms.EmailField(label=_("Email"), max_length=254)
    category = forms.ChoiceField(label=_("I come as"))
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Industry and press guests: the company or outlet you come for."),
    )

    def __init__(self, *args, policy: RegistrationPolicy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (quota.category, quota.get_category_display()) for quota in policy.quotas.all()
        ]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("name_zh", "").strip() and not data.get("name_en", "").strip():
            self.add_error("name_en", _("Give your name in Chinese or in English (or both)."))
        needs_organisation = data.get("category") in CATEGORIES_WITH_ORGANISATION
        if needs_organisation and not data.get("organisation", "").strip():
            self.add_error("organisation", _("Industry and press guests name their organisation."))
        return data
