"""Images uploaded through the admin go through core/uploads.py like any other door."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from programs.models import Partner
from tests.factories import MentorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Co."
    out = io.BytesIO()
    Image.new("RGB", (120, 80), "navy").save(out, format="JPEG", exif=exif)
    return out.getvalue()


def partner_form(logo) -> dict:
    return {
        "slug": "cinerent",
        "name_en": "CINERENT",
        "name_zh": "",
        "service_category": "equipment",
        "website": "",
        "logo": logo,
        "logo_alt_en": "CINERENT logo",
        "logo_alt_zh": "",
    }


def test_admin_partner_logo_is_re_encoded_under_a_server_name(admin_client):
    logo = SimpleUploadedFile("../../etc/evil.jpg", jpeg_with_exif(), content_type="image/jpeg")

    response = admin_client.post(reverse("admin:programs_partner_add"), partner_form(logo))

    assert response.status_code == 302
    partner = Partner.objects.get(slug="cinerent")
    assert "evil" not in partner.logo.name
    assert partner.logo.name.startswith("partners/")
    with partner.logo.open() as handle, Image.open(handle) as image:
        assert dict(image.getexif()) == {}


def test_admin_partner_logo_svg_is_refused(admin_client, settings):
    svg = SimpleUploadedFile(
        "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
    )

    response = admin_client.post(
        reverse("admin:programs_partner_add"), partner_form(svg), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors
    assert not Partner.objects.exists()


def test_admin_mentor_photo_that_is_a_pdf_is_refused(admin_client):
    mentor = MentorFactory()
    pdf = SimpleUploadedFile("photo.jpg", b"%PDF-1.7 not a photo", content_type="image/jpeg")

    response = admin_client.post(
        reverse("admin:mentors_mentor_change", args=[mentor.pk]),
        {
            "slug": mentor.slug,
            "name_original": mentor.name_original,
            "name_latin": mentor.name_latin,
            "photo": pdf,
            "photo_alt_en": "A photo",
            "links": "[]",
            "panel_seats-TOTAL_FORMS": "0",
            "panel_seats-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "photo" in response.context["adminform"].form.errors
    mentor.refresh_from_db()
    assert not mentor.photo
