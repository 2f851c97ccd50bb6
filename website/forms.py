"""The public site's forms: only the lineup's query string (search, edition, genre, page)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from films.models import Film
from films.selectors import LineupFilter

# Far beyond any real lineup; a larger number is a malformed or hostile request.
LINEUP_MAX_PAGE = 1000


class LineupFilterForm(forms.Form):
    """The lineup's query string. Invalid input (a NUL byte, a page number out of range)
    answers 400 instead of reaching the database."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100, strip=True)
    cohort = forms.ChoiceField(label=_("Edition"), required=False)
    genre = forms.ChoiceField(
        label=_("Genre"), required=False, choices=[("", _("All genres")), *Film.Genre.choices]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=LINEUP_MAX_PAGE)

    def __init__(self, *args, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [
            ("", _("All editions")),
            *((cohort.slug, f"{cohort.year} · {cohort.edition}") for cohort in cohorts),
        ]

    def lineup_filter(self) -> LineupFilter:
        return LineupFilter(
            query=self.cleaned_data["q"],
            cohort_slug=self.cleaned_data["cohort"],
            genre=self.cleaned_data["genre"],
        )
