"""The portal's forms for making the films: a booking request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from films.models import Film
from resources.models import Resource
from resources.selectors import bookable_resources

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BookingRequestForm(forms.Form):
    resource = forms.ModelChoiceField(Resource.objects.none(), label=_("Resource"))
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    end_date = forms.DateField(label=_("Last day"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, film: Film, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = bookable_resources(film)


class SessionResponseForm(forms.Form):
    response = forms.ChoiceField(
        choices=[("attending", _("Attending")), ("declined", _("Declined"))],
        widget=forms.RadioSelect,
        label=_("Your answer"),
    )
