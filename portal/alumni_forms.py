"""The portal's alumni form (issue 18): an entry an alumnus proposes about their own later
career, which staff approve before it can be public."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alumni.models import AlumniEntry
from films.models import Film
from talents.models import Enrollment


class AlumniProposalForm(forms.ModelForm):
    class Meta:
        model = AlumniEntry
        fields = [
            "kind",
            "year",
            "film",
            "work_title_zh",
            "work_title_en",
            "festival_zh",
            "festival_en",
            "section_zh",
            "section_en",
            "award_zh",
            "award_en",
            "link",
            "online_views",
            "publish",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the alumnus's own films of an edition they graduated from.
        self.fields["film"].queryset = (
            Film.objects.filter(
                director=self.instance.talent,
                cohort__enrollments__talent=self.instance.talent,
                cohort__enrollments__status=Enrollment.Status.GRADUATED,
            )
            .distinct()
            .order_by("title_en")
        )
        self.fields["film"].help_text = _(
            "When the entry is about your program film; otherwise give the work's title."
        )
        self.fields["publish"].label = _("Show this on the public alumni page once approved")
        self.fields["publish"].help_text = ""


class AlumniConsentForm(forms.Form):
    publish = forms.BooleanField(required=False, label=_("Show on the public alumni page"))
