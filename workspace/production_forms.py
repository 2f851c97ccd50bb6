"""The workspace's forms for making the films (issue 17): partner resources and their
availability, booking decisions, grants and instalments, training sessions. Kept apart from
workspace/forms.py so the two grow without stepping on each other."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from films.models import Film
from grants.models import BudgetLine, Instalment
from mentors.models import Mentor
from programs.models import Cohort, MilestoneDefinition
from resources.models import Availability, Booking, Resource
from training.models import Session
from workspace.forms import DATE, DATETIME, RecordsById, WorkspaceModelForm


class ResourceForm(WorkspaceModelForm):
    constraint_messages = {"resource_has_a_name": _("Name the resource in at least one language.")}

    class Meta:
        model = Resource
        fields = [
            "partner",
            "kind",
            "name_zh",
            "name_en",
            "description_zh",
            "description_en",
            "quantity",
            "charge",
            "value_cny",
            "limit_per_film",
            "contact_name",
            "contact_email",
            "contact_language",
            "is_active",
        ]
        widgets = {
            "description_zh": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class AvailabilityForm(WorkspaceModelForm):
    class Meta:
        model = Availability
        fields = ["start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


class BookingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (Booking.Status.APPROVED, _("Approve and ask the partner to confirm")),
            (Booking.Status.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note")
    )


class BookingFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("All")), *Booking.Status.choices], required=False, label=_("Status")
    )


# --- Money: budget lines, the grant and its instalments, payments -------------------------


class BudgetLineForm(WorkspaceModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "description_zh", "description_en", "amount_cny"]


class GrantForm(forms.Form):
    amount_cny = forms.DecimalField(
        label=_("Grant (CNY)"), min_value=0, max_digits=12, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        # The money page also shows the budget line form, whose amount would have the same id:
        # a label would then point at the other form's field.
        kwargs.setdefault("auto_id", "id_grant_%s")
        super().__init__(*args, **kwargs)


class InstalmentRowForm(forms.Form):
    milestone = forms.ModelChoiceField(MilestoneDefinition.objects.none(), label=_("Milestone"))
    percent = forms.DecimalField(
        label=_("Percent"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    amount_cny = forms.DecimalField(
        label=_("or amount (CNY)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )

    def __init__(self, *args, milestones=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if milestones is not None:
            self.fields["milestone"].queryset = milestones


InstalmentFormSet = forms.formset_factory(InstalmentRowForm, extra=3, max_num=20, validate_max=True)


class InstalmentPayForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=100)


class FinanceFilterForm(forms.Form):
    cohort = forms.ModelChoiceField(
        Cohort.objects.order_by("-year"), required=False, label=_("Cohort")
    )
    status = forms.ChoiceField(
        choices=[("", _("All")), *Instalment.Status.choices], required=False, label=_("Status")
    )


# --- Training sessions --------------------------------------------------------------------


class SessionForm(WorkspaceModelForm):
    constraint_messages = {
        "session_ends_after_start": _("The session must end after it starts."),
        "session_has_a_title": _("Give a title in at least one language."),
    }

    class Meta:
        model = Session
        fields = [
            "kind",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "starts_at",
            "ends_at",
            "venue_zh",
            "venue_en",
            "online_url",
            "whole_cohort",
            "films",
            "mentors",
        ]
        field_classes = {"films": RecordsById, "mentors": RecordsById}
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "films": forms.CheckboxSelectMultiple,
            "mentors": forms.CheckboxSelectMultiple,
            "description_zh": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cohort_id = self.instance.cohort_id
        self.fields["films"].queryset = Film.objects.filter(cohort_id=cohort_id).order_by(
            "title_en"
        )
        self.fields["mentors"].queryset = Mentor.objects.order_by("name_latin", "name_original")


class SessionCancelForm(forms.Form):
    note = forms.CharField(
        label=_("Why (sent to the people invited)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
