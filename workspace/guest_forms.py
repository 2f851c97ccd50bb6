"""Staff forms for a screening's guests: the registration policy, the door's check-in code and
an email to the confirmed guests of some categories; industry guests' accreditation, screeners
and invitations; the market day."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from films.models import Film
from guests.models import Category, IndustryAccreditation, MarketDay, RegistrationPolicy


class RegistrationPolicyForm(forms.Form):
    is_open = forms.BooleanField(label=_("Registration open"), required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=0,
        max_value=100_000,
        required=False,
        help_text=_("Empty: the venue's capacity."),
    )
    offer_hours = forms.IntegerField(
        label=_("Hours to accept a freed seat"), min_value=1, max_value=24 * 14, initial=24
    )

    def __init__(self, *args, policy: RegistrationPolicy | None = None, **kwargs) -> None:
        quotas = {q.category: q for q in policy.quotas.all()} if policy else {}
        initial = {}
        if policy:
            initial = {"is_open": policy.is_open, "capacity": policy.capacity}
            initial["offer_hours"] = policy.offer_hours
        for category in Category:
            quota = quotas.get(category.value)
            initial[f"{category}_offered"] = quota is not None
            initial[f"{category}_quota"] = quota.quota if quota else None
            initial[f"{category}_approval"] = quota.needs_approval if quota else False
        super().__init__(*args, initial=initial, **kwargs)
        for category in Category:
            label = category.label
            self.fields[f"{category}_offered"] = forms.BooleanField(
                label=_("%(category)s: offered") % {"category": label}, required=False
            )
            self.fields[f"{category}_quota"] = forms.IntegerField(
                label=_("%(category)s: quota (empty: no own limit)") % {"category": label},
                min_value=0,
                max_value=100_000,
                required=False,
            )
            self.fields[f"{category}_approval"] = forms.BooleanField(
                label=_("%(category)s: needs approval") % {"category": label}, required=False
            )

    def quotas(self) -> dict[str, tuple[int | None, bool]]:
        data = self.cleaned_data
        return {
            category.value: (data[f"{category}_quota"], data[f"{category}_approval"])
            for category in Category
            if data[f"{category}_offered"]
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class GuestEmailForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("To the confirmed guests of"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=10_000, widget=forms.Textarea)


class AccreditationForm(forms.Form):
    email = forms.EmailField(label=_("Guest's account email"), max_length=254)
    kind = forms.ChoiceField(label=_("Kind"), choices=IndustryAccreditation.Kind.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ScreenerForm(forms.Form):
    film = forms.ModelChoiceField(label=_("Film"), queryset=Film.objects.none())
    video_url = forms.URLField(label=_("Screener link"), max_length=200, assume_scheme="https")
    video_password = forms.CharField(label=_("Screener password"), max_length=64, required=False)

    def __init__(self, *args, cohort, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = Film.objects.filter(cohort=cohort)


class IndustryInviteForm(forms.Form):
    """A guest without an account: the email's link lets them make one, accredited."""

    email = forms.EmailField(label=_("Guest's email"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Kind"), choices=IndustryAccreditation.Kind.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MarketDayForm(forms.ModelForm):
    class Meta:
        model = MarketDay
        fields = ["starts_at", "ends_at", "slot_minutes", "tables", "place", "requests_open"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        help_texts = {"starts_at": _("Beijing time.")}

    slot_minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=10, max_value=240)
    tables = forms.IntegerField(label=_("Tables"), min_value=1, max_value=500)
