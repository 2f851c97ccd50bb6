"""The partner's confirmation link: no account, a secret token in the address (only its hash
is stored), never logged (the request log writes the route, not the path). GET shows the
booking, POST confirms it; an unknown or spent token is a 404 that says nothing more. A
data-management partner's booking also lists the film's delivered video files: each version's
file name, SHA-256 and technical check, never the file."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.secret_paths import secret_in_path
from films.selectors import delivered_video_files
from programs.models import Partner
from resources.models import Booking
from resources.services import booking_confirm, booking_for_token


@secret_in_path
@never_cache
@require_http_methods(["GET", "POST"])
def booking_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    booking = booking_for_token(token=token)
    live = (Booking.Status.APPROVED, Booking.Status.CONFIRMED)
    if booking is None or booking.status not in live:
        raise Http404
    if request.method == "POST":
        try:
            booking = booking_confirm(token=token)
        except ValidationError as error:
            raise Http404 from error
    context = {"booking": booking}
    # The data-management partner tracks the film's masters: their checksums and checks.
    if booking.resource.partner.service_category == Partner.ServiceCategory.DATA_MANAGEMENT:
        context["deliveries"] = list(delivered_video_files(booking.film))
    response = render(request, "portal/production/partner_booking.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response
