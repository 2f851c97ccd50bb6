"""The workspace's forms for the alumni record (issue 18): an entry staff record or correct,
and the decision on an entry an alumnus proposed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alumni.models import AlumniEntry
from films.models import Film
from talents.models import Enrollment, Talent
from workspace.forms import WorkspaceModelForm

ENTRY_FIELDS = [
    "film",
    "kind",
    "year",
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


class AlumniEntryForm(WorkspaceModelForm):
    """An entry of one edition: the alumnus among its graduates, the film among its films."""

    constraint_messages = {"alumni_award_is_named": _("Name the award in at least one language.")}

    class Meta:
        model = AlumniEntry
        fields = ["talent", *ENTRY_FIELDS]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cohort = self.instance.cohort
        if "talent" in self.fields:
            self.fields["talent"].queryset = Talent.objects.filter(
                enrollments__cohort=cohort, enrollments__status=Enrollment.Status.GRADUATED
            ).order_by("name_latin", "name_original")
        self.fields["film"].queryset = Film.objects.filter(cohort=cohort).order_by("title_en")
        self.fields["publish"].label = _("The alumnus agreed to show this on the public page")


class AlumniEntryEditForm(AlumniEntryForm):
    class Meta:
        model = AlumniEntry
        fields = ENTRY_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = Film.objects.filter(
            cohort=self.instance.cohort, director=self.instance.talent
        )


class AlumniDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
