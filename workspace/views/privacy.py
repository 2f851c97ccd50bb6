"""Erasing a talent or mentor on their request, from their page in the workspace: a
confirmation, then workspace.privacy.person_erase_everywhere."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentors.models import Mentor
from talents.models import Talent
from workspace.access import staff_required
from workspace.forms import ErasureForm
from workspace.privacy import person_erase_everywhere


@staff_required
def talent_erase(request, talent_id: int):
    talent = get_object_or_404(Talent, pk=talent_id)
    return _erase(request, talent, "workspace:talents", talent=talent)


@staff_required
def mentor_erase(request, mentor_id: int):
    mentor = get_object_or_404(Mentor, pk=mentor_id)
    return _erase(request, mentor, "workspace:mentors", mentor=mentor)


def _erase(request, person, success_url: str, **profile):
    data = request.POST if request.method == "POST" else None
    form = ErasureForm(data, name=person.display_name)
    if request.method == "POST" and form.is_valid():
        person_erase_everywhere(by=request.user, **profile)
        messages.success(request, _("%(name)s was erased.") % {"name": person.display_name})
        return redirect(success_url)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "person": person}
    return render(request, "workspace/erase.html", context, status=status)
