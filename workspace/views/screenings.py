"""Planning a cohort's screenings: the premiere and online exhibition, the order of their films,
the venue or platform link and each film's online window."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programs.models import Cohort
from screenings.models import Screening, ScreeningFilm
from screenings.services import (
    screening_add_film,
    screening_create,
    screening_entry_remove,
    screening_entry_update,
    screening_publication_blockers,
    screening_update,
)
from workspace import forms, selectors
from workspace.access import staff_required
from workspace.views.editing import done_or_error, saved_or_form


def _screening_url(screening: Screening) -> str:
    return reverse("workspace:screening", kwargs={"screening_id": screening.pk})


@staff_required
def screening_list(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    screenings = cohort.screenings.select_related("venue").order_by("starts_at")
    context = {"cohort": cohort, "screenings": screenings}
    return render(request, "workspace/screening_list.html", context)


@staff_required
def screening_create_view(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.ScreeningForm(request.POST or None, instance=Screening(cohort=cohort))
    return saved_or_form(
        request,
        form,
        lambda data: screening_create(cohort=cohort, **data),
        success_url=_screening_url,
        message=_("The screening was created."),
        context={"title": _("New screening"), "cohort": cohort},
    )


@staff_required
def screening_edit(request, screening_id: int):
    screening = get_object_or_404(Screening.objects.select_related("cohort"), pk=screening_id)
    form = forms.ScreeningForm(request.POST or None, instance=screening)
    return saved_or_form(
        request,
        form,
        lambda data: screening_update(screening=screening, **data),
        success_url=_screening_url,
        message=_("The screening was saved."),
        context={"title": str(screening.title), "cohort": screening.cohort},
    )


@staff_required
def screening_detail(request, screening_id: int):
    screening = get_object_or_404(
        Screening.objects.select_related("cohort", "venue"), pk=screening_id
    )
    return _screening_page(request, screening)


def _screening_page(request, screening: Screening, status: int = 200, add_form=None):
    entries = selectors.screening_lineup(screening=screening)
    context = {
        "screening": screening,
        "cohort": screening.cohort,
        "entries": entries,
        "add_form": add_form or forms.ScreeningAddFilmForm(screening=screening),
        "publication_blockers": []
        if screening.is_published
        else (screening_publication_blockers(screening)),
    }
    return render(request, "workspace/screening.html", context, status=status)


@staff_required
@require_POST
def screening_film_add(request, screening_id: int):
    screening = get_object_or_404(Screening.objects.select_related("cohort"), pk=screening_id)
    form = forms.ScreeningAddFilmForm(request.POST, screening=screening)
    response = saved_or_form(
        request,
        form,
        lambda data: screening_add_film(screening=screening, **data),
        success_url=_screening_url(screening),
        message=_("The film was added to the lineup."),
    )
    if response.status_code == 302:
        return response
    return _screening_page(request, screening, status=400, add_form=form)


@staff_required
def screening_entry(request, entry_id: int):
    entry = get_object_or_404(
        ScreeningFilm.objects.select_related("screening__cohort", "film"), pk=entry_id
    )
    form = forms.ScreeningEntryForm(request.POST or None, instance=entry)
    return saved_or_form(
        request,
        form,
        lambda data: screening_entry_update(entry=entry, **data),
        success_url=_screening_url(entry.screening),
        message=_("The film's place in the lineup was saved."),
        context={"title": str(entry.film.title), "cohort": entry.screening.cohort},
    )


@staff_required
@require_POST
def screening_entry_remove_view(request, entry_id: int):
    entry = get_object_or_404(ScreeningFilm.objects.select_related("screening"), pk=entry_id)
    screening = entry.screening
    done_or_error(
        request,
        lambda: screening_entry_remove(entry=entry),
        message=_("The film was taken out of the lineup."),
    )
    return redirect(_screening_url(screening))
