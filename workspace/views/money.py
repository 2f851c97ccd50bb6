"""Money pages, for staff and the finance role (finance_required): a film's budget, grant and
instalments with its in-kind support and their change history; the payments list (mark paid
with date and reference) and its CSV export; the cohort's in-kind report by partner. Nothing
here shows a submission, a file or a private note."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.form_posts import form_error_from
from films.models import Film
from grants import selectors
from grants.models import BudgetLine, Instalment
from grants.services import budget_line_add, budget_line_remove, grant_plan, instalment_mark_paid
from programs.models import Cohort
from resources.selectors import in_kind_by_film, in_kind_by_partner
from workspace import exports
from workspace.access import finance_required
from workspace.production_forms import (
    BudgetLineForm,
    FinanceFilterForm,
    GrantForm,
    InstalmentFormSet,
    InstalmentPayForm,
)
from workspace.selectors import money_history


def _film(film_id: int) -> Film:
    return get_object_or_404(Film.objects.select_related("cohort", "director"), pk=film_id)


def _money_url(film: Film) -> str:
    return reverse("workspace:film_money", kwargs={"film_id": film.pk})


def _money_page(request, film: Film, *, status: int = 200, **forms) -> HttpResponse:
    milestones = film.cohort.milestones.order_by("order")
    money = selectors.film_money(film)
    context = {
        "film": film,
        **money,
        "in_kind": in_kind_by_film(film.cohort).get(film.pk, 0),
        "line_form": forms.get("line_form") or BudgetLineForm(),
        "grant_form": forms.get("grant_form") or _grant_form(money),
        "formset": forms.get("formset") or _formset(money, milestones),
        "history": money_history(film=film),
    }
    return render(request, "workspace/production/film_money.html", context, status=status)


def _grant_form(money: dict) -> GrantForm:
    grant = money["grant"]
    return GrantForm(
        initial={"amount_cny": grant.amount_cny, "note": grant.note} if grant else None
    )


def _formset(money: dict, milestones, data=None):
    initial = [
        {
            "milestone": i.milestone,
            "percent": i.percent,
            "amount_cny": None if i.percent else i.amount_cny,
        }
        for i in money["instalments"]
    ]
    return InstalmentFormSet(
        data, initial=initial, prefix="instalments", form_kwargs={"milestones": milestones}
    )


@finance_required
@require_GET
def film_money(request: HttpRequest, film_id: int) -> HttpResponse:
    return _money_page(request, _film(film_id))


@finance_required
@require_POST
def budget_line_add_view(request: HttpRequest, film_id: int) -> HttpResponse:
    film = _film(film_id)
    form = BudgetLineForm(request.POST, instance=BudgetLine(film=film))
    if form.is_valid():
        try:
            budget_line_add(film=film, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("The budget line was added."))
            return redirect(_money_url(film))
    return _money_page(request, film, status=400, line_form=form)


@finance_required
@require_POST
def budget_line_remove_view(request: HttpRequest, line_id: int) -> HttpResponse:
    line = get_object_or_404(BudgetLine.objects.select_related("film"), pk=line_id)
    budget_line_remove(line=line)
    messages.success(request, _("The budget line was removed."))
    return redirect(_money_url(line.film))


@finance_required
@require_POST
def grant_plan_view(request: HttpRequest, film_id: int) -> HttpResponse:
    film = _film(film_id)
    grant_form = GrantForm(request.POST)
    formset = _formset({"instalments": []}, film.cohort.milestones.order_by("order"), request.POST)
    if grant_form.is_valid() and formset.is_valid():
        rows = [
            {
                "milestone": row["milestone"],
                "percent": row.get("percent"),
                "amount_cny": row.get("amount_cny"),
            }
            for row in formset.cleaned_data
            if row.get("milestone")
        ]
        try:
            grant_plan(film=film, instalments=rows, **grant_form.cleaned_data)
        except ValidationError as error:
            form_error_from(grant_form, error)
        else:
            messages.success(request, _("The grant and its instalments were saved."))
            return redirect(_money_url(film))
    return _money_page(request, film, status=400, grant_form=grant_form, formset=formset)


def _filtered(request):
    form = FinanceFilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    instalments = selectors.instalments_for_finance(
        cleaned.get("cohort"), cleaned.get("status", "")
    )
    return form, instalments


@finance_required
@require_GET
def finance(request: HttpRequest) -> HttpResponse:
    form, instalments = _filtered(request)
    context = {
        "filter_form": form,
        "instalments": instalments,
        "pay_form": InstalmentPayForm(),
        "cohorts": selectors.cohorts_with_films(),
    }
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "workspace/production/finance.html", context, status=status)


@finance_required
@require_POST
def instalment_pay(request: HttpRequest, instalment_id: int) -> HttpResponse:
    instalment = get_object_or_404(Instalment, pk=instalment_id)
    form = InstalmentPayForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect("workspace:finance")
    try:
        instalment_mark_paid(instalment=instalment, paid_by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Marked paid."))
    return redirect("workspace:finance")


@finance_required
@require_GET
def finance_export(request: HttpRequest) -> HttpResponse:
    _form, instalments = _filtered(request)
    header = [
        _("Cohort"),
        _("Film"),
        _("Director"),
        _("Milestone"),
        _("Amount (CNY)"),
        _("Status"),
        _("Due since"),
        _("Paid on"),
        _("Payment reference"),
    ]
    rows = (
        [
            str(i.film.cohort),
            str(i.film.title),
            i.film.director.display_name,
            str(i.milestone.name),
            f"{i.amount_cny:.2f}",
            i.get_status_display(),
            i.due_since.date().isoformat() if i.due_since else "",
            i.paid_on.isoformat() if i.paid_on else "",
            i.payment_reference,
        ]
        for i in instalments
    )
    return exports.csv_response(filename="instalments.csv", header=header, rows=rows)


@finance_required
@require_http_methods(["GET"])
def cohort_in_kind(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    by_film = in_kind_by_film(cohort)
    films = cohort.films.select_related("director").order_by("title_en")
    context = {
        "cohort": cohort,
        "support": in_kind_by_partner(cohort),
        "films": [(film, by_film.get(film.pk, 0)) for film in films],
        "paid": selectors.paid_total(cohort),
    }
    return render(request, "workspace/production/in_kind.html", context)
