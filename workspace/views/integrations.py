"""Integrations for staff: API tokens (made for a staff member, the raw token shown once on the
page that made it, never again; revoked with one button) and webhook endpoints with their
deliveries, each delivery with every attempt's answer and a button to send it again."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import ApiToken
from accounts.selectors import api_tokens_for_staff
from accounts.tokens import api_token_create, api_token_revoke
from core.form_posts import form_error_from
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.selectors import (
    deliveries_for_endpoint,
    delivery_with_attempts,
    endpoints_with_counts,
)
from webhooks.services import delivery_resend, endpoint_create, endpoint_update
from workspace.access import staff_required
from workspace.integration_forms import ApiTokenForm, WebhookEndpointForm
from workspace.views.editing import done_or_error

PAGE_SIZE = 50


@staff_required
def api_tokens(request):
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
                requests_per_minute=form.cleaned_data["requests_per_minute"],
                created_by=request.user,
            )
        except ValidationError as error:
            form_error_from(form, error)
        else:
            created = {"token": token, "raw": raw}
            form = ApiTokenForm()
    page = Paginator(api_tokens_for_staff(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "created": created}
    status = 400 if form.errors else 200
    # Signed-in pages are sent no-store (accounts.security), so the raw token stays on this page.
    return render(request, "workspace/api_tokens.html", context, status=status)


@staff_required
@require_POST
def api_token_revoke_view(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id)
    done_or_error(
        request,
        lambda: api_token_revoke(token=token, revoked_by=request.user),
        message=_("The token is revoked."),
    )
    return redirect("workspace:api_tokens")


@staff_required
def webhook_endpoints(request):
    form = WebhookEndpointForm(request.POST if request.method == "POST" else None)
    created = None
    if request.method == "POST" and form.is_valid():
        endpoint, secret = endpoint_create(created_by=request.user, **form.cleaned_data)
        created = {"endpoint": endpoint, "secret": secret}
        form = WebhookEndpointForm()
    context = {"form": form, "endpoints": list(endpoints_with_counts()), "created": created}
    return render(
        request, "workspace/webhook_endpoints.html", context, status=400 if form.errors else 200
    )


@staff_required
def webhook_endpoint(request, endpoint_id: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id)
    page = Paginator(deliveries_for_endpoint(endpoint), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workspace/webhook_endpoint.html", {"endpoint": endpoint, "page": page})


@staff_required
@require_POST
def webhook_endpoint_toggle(request, endpoint_id: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id)
    active = not endpoint.is_active
    done_or_error(
        request,
        lambda: endpoint_update(endpoint=endpoint, is_active=active),
        message=_("The endpoint receives deliveries.") if active else _("The endpoint is paused."),
    )
    return redirect("workspace:webhook_endpoint", endpoint_id=endpoint.pk)


@staff_required
def webhook_delivery(request, delivery_id: int):
    delivery = delivery_with_attempts(delivery_id)
    if delivery is None:
        raise Http404
    return render(request, "workspace/webhook_delivery.html", {"delivery": delivery})


@staff_required
@require_POST
def webhook_delivery_resend(request, delivery_id: int):
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id)
    done_or_error(
        request,
        lambda: delivery_resend(delivery=delivery),
        message=_("The delivery is queued to be sent again."),
    )
    return redirect("workspace:webhook_delivery", delivery_id=delivery.pk)
