from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, User
from mentors.models import Mentor
from outbox.services import message_enqueue
from talents.models import Talent


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form (which answers the same whether or not the address has an account),
    with its email going through the outbox in the person's own language."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None) -> None:  # fmt: skip
        user = context["user"]
        message_enqueue(
            recipient=to_email,
            language=user.preferred_language,
            template="password_reset",
            context=context,
            cause=f"password_reset:{user.pk}",
        )


class InvitationAcceptForm(SetPasswordForm):
    """Name and a new password; the password is checked against the validators with the
    invited address, as for any account."""

    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    field_order = ["full_name", "new_password1", "new_password2"]

    def clean(self):
        self.user.full_name = self.cleaned_data.get("full_name", "")
        return super().clean()


class InvitationCreateForm(forms.Form):
    talent = forms.ModelChoiceField(
        label=_("Director"),
        queryset=Talent.objects.filter(user__isnull=True),
        required=False,
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Mentor.objects.filter(user__isnull=True),
        required=False,
    )
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(label=_("Language of the email"), choices=Language)

    def clean(self):
        cleaned_data = super().clean()
        if bool(cleaned_data.get("talent")) == bool(cleaned_data.get("mentor")):
            raise ValidationError(_("Choose either a director or a mentor."))
        return cleaned_data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language for this site and your emails"),
        choices=Language,
        widget=forms.RadioSelect,
    )

    @classmethod
    def for_user(cls, user: User, data=None) -> "LanguageForm":
        return cls(data, initial={"language": user.preferred_language})
