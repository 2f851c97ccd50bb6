"""The workspace's integration forms (issue 19): API tokens and webhook endpoints."""

from tests.fuzz.targets import FormTarget, none
from workspace.integration_forms import ApiTokenForm, WebhookEndpointForm

INTEGRATION_TARGETS = [
    FormTarget("workspace:api_tokens", none, "staff", (ApiTokenForm,)),
    FormTarget("workspace:webhook_endpoints", none, "staff", (WebhookEndpointForm,)),
]
