from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _


def validate_links(value: list) -> None:
    """A person's links: a list of {"label": str, "url": str} with http(s) URLs."""
    if not isinstance(value, list):
        raise ValidationError(_("Links must be a list."))
    check_url = URLValidator(schemes=["http", "https"])
    for link in value:
        if not isinstance(link, dict) or not isinstance(link.get("url"), str):
            raise ValidationError(_("Each link needs a URL."))
        check_url(link["url"])
