"""Talents, mentors, partners and venues, created and edited here rather than in the admin;
talents and mentors invited to the portal."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

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


@staff_required
def talent_list(request):
    query = request.GET.get("q", "").strip()[:100]
    talents = selectors.talents_for_workspace(query=query)
    return render(request, "workspace/talent_list.html", {"talents": talents, "query": query})


@staff_required
def talent_create_view(request):
    form = forms.TalentForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: talent_create(**data),
        success_url=reverse("workspace:talents"),
        message=_("The talent was added."),
        context={"title": _("New talent")},
    )


@staff_required
def talent_edit(request, talent_id: int):
    talent = get_object_or_404(Talent, pk=talent_id)
    form = forms.TalentForm(request.POST or None, instance=talent)
    return saved_or_form(
        request,
        form,
        lambda data: talent_update(talent=talent, **data),
        success_url=reverse("workspace:talents"),
        message=_("The talent was saved."),
        context={
            "title": talent.display_name,
            "invite_url": _invite_url("talent", talent),
            "erase_url": reverse("workspace:talent_erase", kwargs={"talent_id": talent.pk}),
            "history": selectors.object_history(instance=talent),
        },
    )


@staff_required
def mentor_list(request):
    query = request.GET.get("q", "").strip()[:100]
    mentors = selectors.mentors_for_workspace(query=query)
    return render(request, "workspace/mentor_list.html", {"mentors": mentors, "query": query})


@staff_required
def mentor_create_view(request):
    form = forms.MentorForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: mentor_create(**data),
        success_url=reverse("workspace:mentors"),
        message=_("The mentor was added."),
        context={"title": _("New mentor")},
    )


@staff_required
def mentor_edit(request, mentor_id: int):
    mentor = get_object_or_404(Mentor, pk=mentor_id)
    form = forms.MentorForm(request.POST or None, instance=mentor)
    return saved_or_form(
        request,
        form,
        lambda data: mentor_update(mentor=mentor, **data),
        success_url=reverse("workspace:mentors"),
        message=_("The mentor was saved."),
        context={
            "title": mentor.display_name,
            "invite_url": _invite_url("mentor", mentor),
            "erase_url": reverse("workspace:mentor_erase", kwargs={"mentor_id": mentor.pk}),
            "history": selectors.object_history(instance=mentor),
        },
    )


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
    form = forms.PartnerForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: partner_create(**data),
        success_url=reverse("workspace:partners"),
        message=_("The partner was added."),
        context={"title": _("New partner")},
    )


@staff_required
def partner_edit(request, partner_id: int):
    partner = get_object_or_404(Partner, pk=partner_id)
    form = forms.PartnerForm(request.POST or None, instance=partner)
    return saved_or_form(
        request,
        form,
        lambda data: partner_update(partner=partner, **data),
        success_url=reverse("workspace:partners"),
        message=_("The partner was saved."),
        context={"title": str(partner), "history": selectors.object_history(instance=partner)},
    )


@staff_required
def venue_list(request):
    venues = Venue.objects.order_by("name_en", "name_zh")
    return render(request, "workspace/venue_list.html", {"venues": venues})


@staff_required
def venue_create_view(request):
    form = forms.VenueForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: venue_create(**data),
        success_url=reverse("workspace:venues"),
        message=_("The venue was added."),
        context={"title": _("New venue")},
    )


@staff_required
def venue_edit(request, venue_id: int):
    venue = get_object_or_404(Venue, pk=venue_id)
    form = forms.VenueForm(request.POST or None, instance=venue)
    return saved_or_form(
        request,
        form,
        lambda data: venue_update(venue=venue, **data),
        success_url=reverse("workspace:venues"),
        message=_("The venue was saved."),
        context={"title": str(venue), "history": selectors.object_history(instance=venue)},
    )
