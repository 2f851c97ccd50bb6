"""The forms of the market meeting pages in the portal: a guest's request to meet a film's
team at one slot of the market day."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SLOT_FORMAT = "%Y-%m-%d %H:%M"


class MeetingRequestForm(forms.Form):
    # A time typed in festival time; the choices are the guest's free slots, but any time is
    # read and the service says why one outside the market day's slots is refused.
    slot = forms.DateTimeField(
        label=_("Meeting time"), input_formats=[SLOT_FORMAT], widget=forms.Select
    )
    message = forms.CharField(
        label=_("A few words to the team (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, slots=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (
                timezone.localtime(s).strftime(SLOT_FORMAT),
                timezone.localtime(s).strftime(SLOT_FORMAT),
            )
            for s in slots
        ]
        self.fields["slot"].widget.choices = choices
