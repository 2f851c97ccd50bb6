"""The workspace's licence form (issue 18): a film's licence window, its parties, territory,
exclusivity and what it covers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from films.models import Film
from rights.models import Licence
from workspace.forms import DATE, WorkspaceModelForm


class LicenceForm(WorkspaceModelForm):
    constraint_messages = {
        "licence_ends_after_start": _("A licence cannot end before it starts."),
        "licence_covers_something": _(
            "A licence covers at least one of streaming, festival, broadcast."
        ),
    }

    class Meta:
        model = Licence
        fields = [
            "film",
            "licensor",
            "licensee",
            "territory",
            "is_exclusive",
            "starts_on",
            "ends_on",
            "covers_streaming",
            "covers_festival",
            "covers_broadcast",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = Film.objects.select_related("cohort").order_by(
            "-cohort__year", "title_en"
        )
