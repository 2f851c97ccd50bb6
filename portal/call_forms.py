"""Forms of the reviewer's pages of the open call. The rules (the scale, a second submission)
are calls.services.review's; these forms only shape input and name what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.models import FilmLanguage, Genre, Round


class ReviewForm(forms.Form):
    """A score per criterion of the round, the two comments, and draft or submit."""

    committee_comment = forms.CharField(
        label=_("Comment for the committee"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    applicant_comment = forms.CharField(
        label=_("Comment that may be shared with the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    submit = forms.BooleanField(required=False)

    def __init__(self, *args, round: Round | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(round.criteria.all()) if round else []
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                required=False,
                min_value=1,
                max_value=criterion.scale_max,
                help_text=criterion.guidance,
            )

    def scores(self) -> dict[str, int | None]:
        return {str(c.pk): self.cleaned_data.get(f"c{c.pk}") for c in self.criteria}

    def rows(self):
        return [(criterion, self[f"c{criterion.pk}"]) for criterion in self.criteria]


class ConflictDeclareForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (for staff)"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class PersonConflictForm(forms.Form):
    """A conflict with somebody the reviewer knows, before any application reaches them."""

    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("Every application made with this address is kept from you, in every round."),
        widget=forms.EmailInput(attrs={"class": "form-control"}),
    )
    reason = forms.CharField(
        label=_("Why (for staff)"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class ReviewerProfileForm(forms.Form):
    """What a reviewer reads and knows, for the weighted automatic assignment. Nothing ticked is
    a valid answer: applications then reach them by balance alone."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you can review in"),
        choices=FilmLanguage.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )
    expertise = forms.MultipleChoiceField(
        label=_("Genres you know well"),
        choices=Genre.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )
