from django import forms
from django.utils.translation import gettext_lazy as _

from outbox.models import OutboxMessage


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *OutboxMessage.Status.choices],
        required=False,
    )
    cause = forms.CharField(
        label=_("Cause"),
        max_length=100,
        required=False,
        help_text=_("A kind such as “submission”, or one event such as “submission:12”."),
    )
    recipient = forms.CharField(label=_("Recipient"), max_length=100, required=False)
