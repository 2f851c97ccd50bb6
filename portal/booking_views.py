"""The portal's booking pages: a film's bookings with the request form (director and
producer), and cancelling one. Thin: access, form, service, redirect with a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.production_access import films_for_team, get_film_for_team
from portal.production_forms import BookingRequestForm
from resources import selectors
from resources.models import Booking
from resources.services import booking_cancel, booking_request


@login_required
@require_http_methods(["GET", "POST"])
def film_bookings(request: HttpRequest, film_id: int) -> HttpResponse:
    film = get_film_for_team(request.user, film_id)
    form = BookingRequestForm(request.POST or None, film=film)
    if request.method == "POST" and form.is_valid():
        try:
            booking_request(film=film, requested_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Requested. The program office decides and tells you."))
            return redirect("portal:film_bookings", film_id=film.pk)
    context = {
        "film": film,
        "form": form,
        "bookings": selectors.bookings_of_film(film),
        "resources": form.fields["resource"].queryset,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/production/bookings.html", context, status=status)


@login_required
@require_POST
def booking_cancel_view(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = Booking.objects.filter(pk=booking_id, film__in=films_for_team(request.user)).first()
    if booking is None:
        return render(request, "404.html", status=404)
    try:
        booking_cancel(booking=booking, cancelled_by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The booking was cancelled."))
    return redirect("portal:film_bookings", film_id=booking.film_id)
