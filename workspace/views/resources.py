"""Partner resources and their bookings: the resources and availability periods, the cohort's
booking requests to approve or decline, cancellations, the month calendars (per resource and per
cohort) and each partner's CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.form_posts import form_error_from
from programs.models import Cohort, Partner
from resources import selectors
from resources.models import Availability, Booking, Resource
from resources.services import (
    availability_add,
    availability_remove,
    booking_cancel,
    booking_decide,
    resource_create,
    resource_update,
)
from workspace import exports
from workspace.access import staff_required
from workspace.production_forms import (
    AvailabilityForm,
    BookingDecisionForm,
    BookingFilterForm,
    ResourceForm,
)
from workspace.views.editing import done_or_error, saved_or_form


def _resource_url(resource: Resource) -> str:
    return reverse("workspace:resource_edit", kwargs={"resource_id": resource.pk})


@staff_required
@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    resources = selectors.resources_by_partner()
    return render(request, "workspace/production/resource_list.html", {"resources": resources})


@staff_required
def resource_create_view(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(request.POST or None)
    return saved_or_form(
        request,
        form,
        lambda data: resource_create(**data),
        success_url=_resource_url,
        message=_("The resource was added."),
        context={"title": _("New resource")},
    )


@staff_required
def resource_edit(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("partner"), pk=resource_id)
    form = ResourceForm(request.POST or None, instance=resource)
    return saved_or_form(
        request,
        form,
        lambda data: resource_update(resource=resource, **data),
        success_url=_resource_url,
        message=_("The resource was saved."),
        template="workspace/production/resource_edit.html",
        context={
            "title": str(resource),
            "resource": resource,
            "periods": resource.periods.order_by("start_date"),
            "period_form": AvailabilityForm(),
        },
    )


@staff_required
@require_POST
def availability_add_view(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = get_object_or_404(Resource, pk=resource_id)
    form = AvailabilityForm(request.POST, instance=Availability(resource=resource))
    if form.is_valid():
        try:
            availability_add(resource=resource, **form.cleaned_data)
        except ValidationError as error:
            form_error_from(form, error)
        else:
            messages.success(request, _("The period was added."))
            return redirect(_resource_url(resource))
    context = {
        "title": str(resource),
        "resource": resource,
        "periods": resource.periods.order_by("start_date"),
        "period_form": form,
        "form": ResourceForm(instance=resource),
    }
    return render(request, "workspace/production/resource_edit.html", context, status=400)


@staff_required
@require_POST
def availability_remove_view(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(Availability.objects.select_related("resource"), pk=period_id)
    done_or_error(
        request, lambda: availability_remove(period=period), message=_("The period was removed.")
    )
    return redirect(_resource_url(period.resource))


@staff_required
@require_GET
def resource_calendar(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("partner"), pk=resource_id)
    first = selectors.month_of(request.GET.get("month", ""), timezone.localdate())
    month = selectors.month_calendar(first=first, resources=Resource.objects.filter(pk=resource.pk))
    context = {"title": str(resource), "month": month, "resource": resource}
    return render(request, "workspace/production/calendar.html", context)


@staff_required
@require_GET
def cohort_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    first = selectors.month_of(
        request.GET.get("month", ""), max(timezone.localdate(), cohort.training_start)
    )
    resources = Resource.objects.filter(partner__partnerships__cohort=cohort).distinct()
    month = selectors.month_calendar(first=first, resources=resources, films=cohort.films.all())
    context = {"title": _("Resource calendar"), "month": month, "cohort": cohort}
    return render(request, "workspace/production/calendar.html", context)


@staff_required
@require_GET
def cohort_bookings(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    filter_form = BookingFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    context = {
        "cohort": cohort,
        "bookings": selectors.bookings_of_cohort(cohort, status),
        "filter_form": filter_form,
        "decision_form": BookingDecisionForm(),
        "support": selectors.in_kind_by_partner(cohort),
    }
    status_code = 400 if request.GET and not filter_form.is_valid() else 200
    return render(request, "workspace/production/bookings.html", context, status=status_code)


def _bookings_url(booking: Booking) -> str:
    return reverse("workspace:cohort_bookings", kwargs={"slug": booking.film.cohort.slug})


@staff_required
@require_POST
def booking_decide_view(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("film__cohort"), pk=booking_id)
    form = BookingDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(_bookings_url(booking))
    done_or_error(
        request,
        lambda: booking_decide(booking=booking, decided_by=request.user, **form.cleaned_data),
        message=_("The decision was saved."),
    )
    return redirect(_bookings_url(booking))


@staff_required
@require_POST
def booking_cancel_view(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("film__cohort"), pk=booking_id)
    done_or_error(
        request,
        lambda: booking_cancel(booking=booking, cancelled_by=request.user),
        message=_("The booking was cancelled."),
    )
    return redirect(_bookings_url(booking))


@staff_required
@require_GET
def partner_bookings_csv(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=partner_id)
    header = [
        _("Resource"),
        _("Unit"),
        _("Cohort"),
        _("Film"),
        _("Director"),
        _("First day"),
        _("Last day"),
        _("Days"),
        _("Status"),
        _("Value (CNY)"),
    ]
    rows = (
        [
            str(b.resource.name),
            b.unit,
            str(b.film.cohort),
            str(b.film.title),
            b.film.director.display_name,
            b.start_date.isoformat(),
            b.end_date.isoformat(),
            b.days,
            b.get_status_display(),
            f"{b.value:.2f}",
        ]
        for b in selectors.partner_bookings(partner)
    )
    return exports.csv_response(filename=f"{partner.slug}-bookings.csv", header=header, rows=rows)
