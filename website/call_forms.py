"""Forms of the applicant's and the reviewer's pages. The rules (closing moment, limits, scales)
are the services'; these forms only shape input and name what is wrong."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, User
from calls.models import FILE_MATERIALS, Application, CoApplicant, FilmLanguage, Material, Question
from calls.services.applications import APPLICANT_FIELDS, text_length
from core.uploads import UploadLimitFormMixin


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    language = forms.ChoiceField(label=_("Language for emails"), choices=Language.choices)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this address exists: sign in instead."))
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password"):
            user = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                validate_password(cleaned["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ApplicationDetailsForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken in the film"),
        choices=FilmLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Application
        fields = APPLICANT_FIELDS
        widgets = {"previous_film_password": forms.TextInput(attrs={"autocomplete": "off"})}


def _question_field(question: Question) -> forms.Field:
    common = {"label": question.label, "help_text": question.help, "required": False}
    if question.kind == Question.Kind.SINGLE_CHOICE:
        choices = list(enumerate(question.choice_labels()))
        return forms.TypedChoiceField(
            choices=[("", "—"), *choices], coerce=int, empty_value=None, **common
        )
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        return forms.TypedMultipleChoiceField(
            choices=list(enumerate(question.choice_labels())),
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if question.kind == Question.Kind.LINK:
        return forms.URLField(max_length=500, assume_scheme="https", **common)
    attrs = {"data-limit": question.max_chars} if question.max_chars else {}
    if question.kind == Question.Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 6, **attrs}), **common)
    return forms.CharField(
        max_length=question.max_chars or 300, widget=forms.TextInput(attrs), **common
    )


class AnswersForm(forms.Form):
    """One field per question of the call (file questions are uploaded on the files step)."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if not q.takes_file]
        for question in self.questions:
            self.fields[f"q{question.pk}"] = _question_field(question)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            value = cleaned.get(f"q{question.pk}")
            if (
                question.max_chars
                and isinstance(value, str)
                and text_length(value) > question.max_chars
            ):
                self.add_error(
                    f"q{question.pk}",
                    _("%(count)d characters: the limit is %(limit)d.")
                    % {"count": text_length(value), "limit": question.max_chars},
                )
        return cleaned

    def values(self) -> dict[int, object]:
        values = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == Question.Kind.SINGLE_CHOICE:
                value = [] if value is None else [value]
            values[question.pk] = value if value is not None else ""
        return values


class FileUploadForm(UploadLimitFormMixin, forms.Form):
    slot = forms.ChoiceField(label=_("What it is"))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(m.value, m.label) for m in FILE_MATERIALS]
        if call is not None:
            choices += [
                (f"q{q.pk}", q.label) for q in call.questions.filter(kind=Question.Kind.FILE)
            ]
        self.fields["slot"].choices = choices

    def target(self) -> dict:
        slot = self.cleaned_data["slot"]
        if slot.startswith("q"):
            return {"question_id": int(slot[1:])}
        return {"material": Material(slot)}


class CoApplicantForm(forms.ModelForm):
    class Meta:
        model = CoApplicant
        fields = ("email", "role")
