"""Accreditation badges as a PDF, one A6 page per guest: the name in both scripts, the
organisation, the category and the ticket's QR code. Drawn with fpdf2, which embeds (subset)
the OpenType CJK font named by BADGE_FONT_PATH, so the PDF prints the same everywhere.

A machine without that font raises BadgeFontMissing: the staff page says what to install
instead of failing."""

import io
from collections.abc import Iterable
from pathlib import Path

import segno
from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF

from guests.models import Registration

A6 = (105, 148)  # millimetres, portrait


class BadgeFontMissing(Exception):
    pass


def badges_pdf(registrations: Iterable[Registration], *, title: str) -> bytes:
    pdf = FPDF(unit="mm", format=A6)
    pdf.set_auto_page_break(auto=False)
    pdf.set_title(title)
    _add_font(pdf)
    for registration in registrations:
        _badge(pdf, registration, title)
    return bytes(pdf.output())


def _add_font(pdf: FPDF) -> None:
    path = Path(settings.BADGE_FONT_PATH)
    if not path.is_file():
        raise BadgeFontMissing(
            _(
                "The badge font %(path)s is not installed on this server, so badges cannot show "
                "Chinese names. Install it (Debian: apt-get install fonts-noto-cjk) or point "
                "BADGE_FONT_PATH at a CJK font."
            )
            % {"path": path}
        )
    pdf.add_font("badge", fname=str(path), collection_font_number=settings.BADGE_FONT_INDEX)


def _badge(pdf: FPDF, registration: Registration, title: str) -> None:
    pdf.add_page()
    width = A6[0] - 16
    pdf.set_font("badge", size=10)
    pdf.set_xy(8, 10)
    pdf.multi_cell(width, 5, title, align="C")
    pdf.set_font("badge", size=24)
    pdf.set_xy(8, 28)
    pdf.multi_cell(width, 11, registration.name_zh or registration.name_en, align="C")
    if registration.name_zh and registration.name_en:
        pdf.set_font("badge", size=16)
        pdf.set_x(8)
        pdf.multi_cell(width, 8, registration.name_en, align="C")
    if registration.organisation:
        pdf.set_font("badge", size=11)
        pdf.set_x(8)
        pdf.multi_cell(width, 6, registration.organisation, align="C")
    _category_band(pdf, registration)
    qr = io.BytesIO()
    segno.make(registration.ticket_code, error="m").save(qr, kind="png", scale=10, border=1)
    pdf.image(qr, x=(A6[0] - 40) / 2, y=86, w=40, h=40)
    pdf.set_font("badge", size=9)
    pdf.set_xy(8, 127)
    pdf.cell(width, 5, registration.ticket_code, align="C")


def _category_band(pdf: FPDF, registration: Registration) -> None:
    pdf.set_fill_color(30, 30, 30)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("badge", size=14)
    pdf.set_xy(0, 70)
    pdf.cell(A6[0], 11, registration.get_category_display(), align="C", fill=True)
    pdf.set_text_color(0, 0, 0)
