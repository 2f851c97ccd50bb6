"""The ticket's QR code, drawn by segno: the code alone, so a scan reveals no link."""

import segno
from django import template

register = template.Library()


@register.filter
def ticket_qr(code: str) -> str:
    """A PNG data URI (email clients show PNG more often than SVG; CSP allows data: images)."""
    return segno.make(code, error="m").png_data_uri(scale=8, border=2)
