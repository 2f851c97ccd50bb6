"""A film in the workspace: its page (publishing checklist, producer, history), editing,
publishing, and the directors' changes to published films waiting for approval."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from films.models import Film, FilmRevision
from films.publishing import publishing_blockers, screening_blockers
from films.services import (
    film_create,
    film_publish,
    film_unpublish,
    film_update,
    revision_approve,
    revision_reject,
)
from programs.models import Cohort
from training.selectors import mentor_workload
from workspace import forms, selectors
from workspace.access import staff_required
from workspace.revisions import revision_changes
from workspace.views.editing import done_or_error, saved_or_form


def _film_url(film: Film) -> str:
    return reverse("workspace:film", kwargs={"film_id": film.pk})


def _film_or_404(film_id: int) -> Film:
    return get_object_or_404(
        Film.objects.select_related("cohort", "director", "producer"), pk=film_id
    )


@staff_required
def film_create_view(request, slug: str):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = forms.FilmCreateForm(request.POST or None, cohort=cohort, instance=Film(cohort=cohort))
    return saved_or_form(
        request,
        form,
        lambda data: film_create(cohort=cohort, **data),
        success_url=_film_url,
        message=_("The film was added."),
        context={"title": _("New film"), "cohort": cohort},
    )


@staff_required
def film_detail(request, film_id: int):
    film = _film_or_404(film_id)
    context = {
        "film": film,
        "cohort": film.cohort,
        "publishing_blockers": publishing_blockers(film),
        "screening_blockers": screening_blockers(film),
        "producer_form": forms.ProducerForm(instance=film, workload=mentor_workload(film.cohort)),
        "history": selectors.film_history(film=film),
        "revisions": film.revisions.filter(status=FilmRevision.Status.PENDING),
    }
    return render(request, "workspace/film.html", context)


@staff_required
def film_edit(request, film_id: int):
    film = _film_or_404(film_id)
    form = forms.FilmForm(request.POST or None, instance=film)
    return saved_or_form(
        request,
        form,
        lambda data: film_update(film=film, **data),
        success_url=_film_url,
        message=_("The film was saved."),
        context={"title": str(film.title), "cohort": film.cohort, "film": film},
    )


@staff_required
def film_producer(request, film_id: int):
    film = _film_or_404(film_id)
    form = forms.ProducerForm(
        request.POST or None, instance=film, workload=mentor_workload(film.cohort)
    )
    return saved_or_form(
        request,
        form,
        lambda data: film_update(film=film, **data),
        success_url=_film_url,
        message=_("The producer was paired with the film."),
        context={"title": _("Producer of %(film)s") % {"film": film.title}, "film": film},
    )


@staff_required
@require_POST
def film_publish_view(request, film_id: int):
    film = _film_or_404(film_id)
    done_or_error(request, lambda: film_publish(film=film), message=_("The film is published."))
    return redirect(_film_url(film))


@staff_required
@require_POST
def film_unpublish_view(request, film_id: int):
    film = _film_or_404(film_id)
    done_or_error(
        request, lambda: film_unpublish(film=film), message=_("The film is no longer public.")
    )
    return redirect(_film_url(film))


@staff_required
def revision_list(request):
    revisions = selectors.pending_revisions()
    return render(request, "workspace/revision_list.html", {"revisions": revisions})


@staff_required
def revision_detail(request, revision_id: int):
    revision = get_object_or_404(
        FilmRevision.objects.select_related("film__director", "film__cohort", "proposed_by"),
        pk=revision_id,
    )
    form = forms.RevisionDecisionForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: _decide(revision, request.user, **data),
        success_url=reverse("workspace:revisions"),
        message=_("The decision was recorded."),
        template="workspace/revision.html",
        context={"revision": revision, "changes": revision_changes(revision)},
    )


def _decide(revision: FilmRevision, user, *, decision: str, note: str) -> FilmRevision:
    if decision == FilmRevision.Status.APPROVED:
        return revision_approve(revision=revision, decided_by=user)
    return revision_reject(revision=revision, decided_by=user, note=note)
