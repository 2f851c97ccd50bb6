"""The workspace's forms for running an open call. Model forms validate what the models declare
before a service is called; the services hold the rules (closing moment, conflicts, counts)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Language
from calls.models import (
    Application,
    Call,
    Criterion,
    FilmLanguage,
    Genre,
    InterviewSlot,
    Material,
    Question,
    Reviewer,
    Round,
)
from workspace.forms import DATETIME, RecordsById, WorkspaceModelForm


class CallForm(WorkspaceModelForm):
    required_materials = forms.MultipleChoiceField(
        label=_("Required materials"),
        choices=Material.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Call
        fields = (
            "cohort",
            "slug",
            "title_zh",
            "title_en",
            "text_zh",
            "text_en",
            "opens_at",
            "closes_at",
            "birth_year_min",
            "birth_year_max",
            "requires_chinese_language",
            "min_earlier_works",
            "residence_zh",
            "residence_en",
            "required_materials",
            "reviewers_per_application",
            "accept_text_zh",
            "accept_text_en",
            "waitlist_text_zh",
            "waitlist_text_en",
            "decline_text_zh",
            "decline_text_en",
        )
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}
        help_texts = {"opens_at": _("Beijing time"), "closes_at": _("Beijing time")}


class QuestionForm(WorkspaceModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: Chinese | English"),
    )

    class Meta:
        model = Question
        fields = (
            "order",
            "kind",
            "label_zh",
            "label_en",
            "help_zh",
            "help_en",
            "is_required",
            "max_chars",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.choices:
            self.initial["choices_text"] = "\n".join(
                f"{c.get('zh', '')} | {c.get('en', '')}" for c in self.instance.choices
            )

    def clean_choices_text(self) -> list[dict]:
        choices = []
        for line in self.cleaned_data["choices_text"].splitlines():
            if not line.strip():
                continue
            zh, _bar, en = line.partition("|")
            choices.append({"zh": zh.strip()[:200], "en": en.strip()[:200]})
        return choices

    def _post_clean(self):
        self.instance.choices = self.cleaned_data.get("choices_text") or []
        super()._post_clean()


class RoundForm(WorkspaceModelForm):
    class Meta:
        model = Round
        fields = ("name_zh", "name_en", "is_blind")


class CriterionForm(WorkspaceModelForm):
    class Meta:
        model = Criterion
        fields = (
            "order",
            "name_zh",
            "name_en",
            "guidance_zh",
            "guidance_en",
            "weight",
            "scale_max",
        )


class ApplicationFilterForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.none(), required=False)
    state = forms.ChoiceField(
        label=_("State"), choices=[("", "—"), *Application.State.choices], required=False
    )
    eligibility = forms.ChoiceField(
        label=_("Eligibility"),
        choices=[("", "—"), *Application.Eligibility.choices],
        required=False,
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = call.rounds.all()


class ApplicationsMoveForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Move to round"), queryset=Round.objects.none())
    # RecordsById: an id past 64 bits is a clear "not a valid choice", not a 500 (SQLite).
    applications = RecordsById(label=_("Applications"), queryset=Application.objects.none())

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = call.rounds.all()
        self.fields["applications"].queryset = call.applications.filter(
            state=Application.State.SUBMITTED
        )


class EligibilityForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Eligibility"),
        choices=[("1", _("Eligible")), ("0", _("Not eligible"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Application.Decision.ACCEPTED, _("Accept")),
            (Application.Decision.WAITLISTED, _("Waiting list")),
            (Application.Decision.DECLINED, _("Decline")),
        ],
    )


class ReviewerChoiceForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=Reviewer.objects.none())

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = call.reviewers.filter(is_active=True).select_related(
            "user"
        )


class PinForm(ReviewerChoiceForm):
    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.none())

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, call=call, **kwargs)
        self.fields["round"].queryset = call.rounds.all()


class ConflictForm(ReviewerChoiceForm):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ReviewerAddForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Reviewer.Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages they review in"),
        choices=FilmLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    expertise = forms.MultipleChoiceField(
        label=_("Expertise"),
        choices=Genre.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class AssignForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.none())
    per_application = forms.IntegerField(
        label=_("Reviewers per application"), min_value=1, max_value=10
    )
    by_language = forms.BooleanField(
        label=_("Prefer reviewers who speak the film's language"), required=False
    )
    by_expertise = forms.BooleanField(
        label=_("Prefer reviewers who know the film's genre"), required=False
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = call.rounds.filter(
            kind__in=[Round.Kind.SCORING, Round.Kind.INTERVIEW]
        )
        self.initial.setdefault("per_application", call.reviewers_per_application)


class RankingFilterForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.none(), required=False)
    eligibility = forms.ChoiceField(
        label=_("Eligibility"),
        choices=[("", "—"), *Application.Eligibility.choices],
        required=False,
    )
    criterion = forms.ModelChoiceField(
        label=_("Sort by criterion"), queryset=Criterion.objects.none(), required=False
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = call.rounds.filter(
            kind__in=[Round.Kind.SCORING, Round.Kind.INTERVIEW]
        )
        self.fields["criterion"].queryset = Criterion.objects.filter(round__call=call)


class InterviewSlotForm(WorkspaceModelForm):
    class Meta:
        model = InterviewSlot
        fields = ("starts_at", "minutes", "online_link")
        widgets = {"starts_at": DATETIME}
        help_texts = {"starts_at": _("Beijing time")}


class InterviewBookForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Interview slot"), queryset=InterviewSlot.objects.none())

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = call.interview_slots.all()


class DecisionsSendForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DecisionForm.base_fields["decision"].choices
    )
    expected_count = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
