"""Forms of the portal. They validate what a person typed; file contents are judged in
core.uploads (through the services), the one place every upload is checked."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.uploads import UploadLimitFormMixin
from films.models import FILM_PUBLIC_FIELDS, Credit, Film, MilestoneSubmission
from mentors.models import MENTOR_PUBLIC_FIELDS, Mentor
from programs.models import MilestoneDefinition
from talents.models import PROFILE_CONSENT_FIELDS, PROFILE_PUBLIC_FIELDS, Talent


class SubmissionForm(UploadLimitFormMixin, forms.Form):
    file = forms.FileField(label=_("File"), required=False)
    video_url = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https", max_length=200
    )
    access_code = forms.CharField(
        label=_("Access code"),
        required=False,
        max_length=64,
        help_text=_("If the sharing service asks for one. Only your reviewers see it."),
    )
    note = forms.CharField(
        label=_("Note to your reviewers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    # A video file is sent beforehand by the page's uploader; this names the finished upload.
    upload = forms.UUIDField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Choose the file and wait until it is uploaded.")},
    )

    def __init__(self, *args, milestone: MilestoneDefinition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        if milestone.takes_video_file:
            del self.fields["file"], self.fields["video_url"], self.fields["access_code"]
            self.fields["upload"].required = True
            self.fields["upload"].error_messages["required"] = self.fields["upload"].error_messages[
                "invalid"
            ]
            return
        del self.fields["upload"]
        if milestone.takes_file:
            del self.fields["video_url"], self.fields["access_code"]
            self.fields["file"].required = True
            self.fields["file"].help_text = (
                _("A JPEG, PNG or WebP image.")
                if milestone.deliverable_kind == MilestoneDefinition.DeliverableKind.IMAGE
                else _("A PDF or an office document (Word, Excel, OpenDocument).")
            )
        else:
            del self.fields["file"]
            self.fields["video_url"].required = True


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (MilestoneSubmission.Status.APPROVED, _("Approve")),
            (MilestoneSubmission.Status.CHANGES_REQUESTED, _("Request changes")),
        ],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes."),
    )

    def clean(self):
        cleaned_data = super().clean()
        wants_changes = cleaned_data.get("decision") == MilestoneSubmission.Status.CHANGES_REQUESTED
        if wants_changes and not cleaned_data.get("feedback", "").strip():
            self.add_error("feedback", _("Say what should change."))
        return cleaned_data


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen it?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class FilmInfoForm(forms.ModelForm):
    class Meta:
        model = Film
        fields = FILM_PUBLIC_FIELDS


class CreditForm(forms.ModelForm):
    class Meta:
        model = Credit
        fields = ("role", "name_original", "name_latin", "order")


CreditFormSet = forms.modelformset_factory(Credit, form=CreditForm, extra=2, can_delete=True)


def credits_from_formset(formset) -> list[dict]:
    """The whole new credit list from a valid formset: kept rows with their id, new rows
    without, deleted and empty rows left out."""
    credits = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        credits.append(
            {
                "id": form.instance.pk,
                **{name: form.cleaned_data[name] for name in CreditForm._meta.fields},
            }
        )
    return credits


class ImageUploadForm(UploadLimitFormMixin, forms.Form):
    """A poster, a still or a headshot, with its description for screen readers."""

    image = forms.FileField(label=_("Image"), help_text=_("A JPEG, PNG or WebP image."))
    alt_zh = forms.CharField(label=_("Description (Chinese)"), required=False, max_length=300)
    alt_en = forms.CharField(label=_("Description (English)"), required=False, max_length=300)

    def clean(self):
        cleaned_data = super().clean()
        if not (cleaned_data.get("alt_zh") or cleaned_data.get("alt_en")):
            self.add_error("alt_en", _("Describe the image for screen readers."))
        return cleaned_data


class LinksTextMixin(forms.Form):
    """A person's links edited as text, one "label | https://…" a line, stored as the JSON list."""

    links_text = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: label | https://…"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial["links_text"] = "\n".join(
            f"{link.get('label', '')} | {link['url']}" for link in self.instance.links
        )

    def clean_links_text(self) -> list[dict]:
        links = []
        check_url = URLValidator(schemes=["http", "https"])
        for line in self.cleaned_data["links_text"].splitlines():
            if not line.strip():
                continue
            label, _bar, url = line.rpartition("|")
            try:
                check_url(url.strip())
            except ValidationError:
                raise ValidationError(
                    _("“%(line)s” is not “label | https://…”."), params={"line": line.strip()}
                ) from None
            links.append({"label": label.strip(), "url": url.strip()})
        return links

    def profile_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        return {**fields, "links": self.cleaned_data["links_text"]}


class ProfileForm(LinksTextMixin, forms.ModelForm):
    class Meta:
        model = Talent
        # Links are edited as text (links_text) and turned into the JSON list here.
        fields = (
            *(name for name in PROFILE_PUBLIC_FIELDS if name != "links"),
            *PROFILE_CONSENT_FIELDS,
        )


class MentorProfileForm(LinksTextMixin, forms.ModelForm):
    """A mentor's own public profile and which personal details are published."""

    class Meta:
        model = Mentor
        fields = (*MENTOR_PUBLIC_FIELDS, "publish_photo", "publish_links")
        widgets = {
            "bio_zh": forms.Textarea(attrs={"rows": 5}),
            "bio_en": forms.Textarea(attrs={"rows": 5}),
        }


class ReviewEmailsForm(forms.ModelForm):
    """How a mentor hears of submissions and comments: at once, or in one email a day."""

    class Meta:
        model = Mentor
        fields = ("review_emails",)
        widgets = {"review_emails": forms.RadioSelect}


class InvitationAcceptForm(SetPasswordForm):
    """Name and a new password; the password is checked against the validators with the
    invited address, as for any account."""

    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    field_order = ["full_name", "new_password1", "new_password2"]

    def clean(self):
        self.user.full_name = self.cleaned_data.get("full_name", "")
        return super().clean()
