"""Talents, mentors, partners and venues, created and edited here rather than in the admin;
talents and mentors invited to the portal.

The four kinds share one create page and one edit page (`_create`, `_edit`), each kind described
once in a `Records` line: its form, its services, its list page and its messages. The views stay
one function per URL, so the URLconf and the permission matrix name them as before."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.forms import ModelForm
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from invitations.services import invitation_create
from mentors.models import Mentor
from mentors.services import mentor_create, mentor_update
from programs.models import Partner
from programs.services import partner_create, partner_update
from screenings.models import Venue
from screenings.services import venue_create, venue_update
from talents.models import Talent
from talents.services import talent_create, talent_update
from workspace import forms, selectors
from workspace.access import staff_required
from workspace.views.editing import saved_or_form


@dataclass(frozen=True)
class Records:
    """One kind of record staff add and edit on the workspace's form page."""

    kind: str  # the services' keyword for the record (talent_update(talent=…)) and URL stem
    form: type[ModelForm]
    create: Callable[..., Model]
    update: Callable[..., Model]
    list_url: str
    new_title: str
    added: str
    saved: str


TALENTS = Records(
    "talent",
    forms.TalentForm,
    talent_create,
    talent_update,
    "workspace:talents",
    gettext_lazy("New talent"),
    gettext_lazy("The talent was added."),
    gettext_lazy("The talent was saved."),
)
MENTORS = Records(
    "mentor",
    forms.MentorForm,
    mentor_create,
    mentor_update,
    "workspace:mentors",
    gettext_lazy("New mentor"),
    gettext_lazy("The mentor was added."),
    gettext_lazy("The mentor was saved."),
)
PARTNERS = Records(
    "partner",
    forms.PartnerForm,
    partner_create,
    partner_update,
    "workspace:partners",
    gettext_lazy("New partner"),
    gettext_lazy("The partner was added."),
    gettext_lazy("The partner was saved."),
)
VENUES = Records(
    "venue",
    forms.VenueForm,
    venue_create,
    venue_update,
    "workspace:venues",
    gettext_lazy("New venue"),
    gettext_lazy("The venue was added."),
    gettext_lazy("The venue was saved."),
)


def _create(request, records: Records):
    return saved_or_form(
        request,
        records.form(request.POST or None),
        lambda data: records.create(**data),
        success_url=reverse(records.list_url),
        message=str(records.added),
        context={"title": records.new_title},
    )


def _edit(request, records: Records, instance: Model, *, title: str, **context):
    return saved_or_form(
        request,
        records.form(request.POST or None, instance=instance),
        lambda data: records.update(**{records.kind: instance}, **data),
        success_url=reverse(records.list_url),
        message=str(records.saved),
        context={"title": title, "history": selectors.object_history(instance=instance), **context},
    )


def _person_edit(request, records: Records, person):
    """A talent's or mentor's page also links the invitation and the erasure."""
    erase = reverse(f"workspace:{records.kind}_erase", kwargs={f"{records.kind}_id": person.pk})
    return _edit(
        request,
        records,
        person,
        title=person.display_name,
        invite_url=_invite_url(records.kind, person),
        erase_url=erase,
    )


def _search(request) -> str:
    return request.GET.get("q", "").strip()[:100]


@staff_required
def talent_list(request):
    query = _search(request)
    talents = selectors.talents_for_workspace(query=query)
    return render(request, "workspace/talent_list.html", {"talents": talents, "query": query})


@staff_required
def talent_create_view(request):
    return _create(request, TALENTS)


@staff_required
def talent_edit(request, talent_id: int):
    return _person_edit(request, TALENTS, get_object_or_404(Talent, pk=talent_id))


@staff_required
def mentor_list(request):
    query = _search(request)
    mentors = selectors.mentors_for_workspace(query=query)
    return render(request, "workspace/mentor_list.html", {"mentors": mentors, "query": query})


@staff_required
def mentor_create_view(request):
    return _create(request, MENTORS)


@staff_required
def mentor_edit(request, mentor_id: int):
    return _person_edit(request, MENTORS, get_object_or_404(Mentor, pk=mentor_id))


def _invite_url(kind: str, person) -> str:
    return reverse(f"workspace:{kind}_invite", kwargs={f"{kind}_id": person.pk})


@staff_required
def talent_invite(request, talent_id: int):
    talent = get_object_or_404(Talent, pk=talent_id)
    return _invite(request, talent, talent=talent)


@staff_required
def mentor_invite(request, mentor_id: int):
    mentor = get_object_or_404(Mentor, pk=mentor_id)
    return _invite(request, mentor, mentor=mentor)


def _invite(request, person, **profile):
    """The portal's invitation flow (accounts.services): a single-use link by email."""
    form = forms.InvitationForm(request.POST or None, initial={"email": person.email})
    return saved_or_form(
        request,
        form,
        lambda data: invitation_create(invited_by=request.user, **profile, **data),
        success_url=request.path,
        message=_("The invitation was sent to %(name)s.") % {"name": person.display_name},
        template="workspace/invite.html",
        context={"title": _("Invite %(name)s") % {"name": person.display_name}, "person": person},
    )


@staff_required
def partner_list(request):
    partners = Partner.objects.order_by("name_en", "name_zh")
    return render(request, "workspace/partner_list.html", {"partners": partners})


@staff_required
def partner_create_view(request):
    return _create(request, PARTNERS)


@staff_required
def partner_edit(request, partner_id: int):
    partner = get_object_or_404(Partner, pk=partner_id)
    return _edit(request, PARTNERS, partner, title=str(partner))


@staff_required
def venue_list(request):
    venues = Venue.objects.order_by("name_en", "name_zh")
    return render(request, "workspace/venue_list.html", {"venues": venues})


@staff_required
def venue_create_view(request):
    return _create(request, VENUES)


@staff_required
def venue_edit(request, venue_id: int):
    venue = get_object_or_404(Venue, pk=venue_id)
    return _edit(request, VENUES, venue, title=str(venue))
