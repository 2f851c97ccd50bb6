"""The data-management partner's booking link lists the film's delivered video files with their
SHA-256 and technical check (issue 20): that film's only, every version, never the file."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from programs.models import Partner
from resources.services import token_hash
from tests.factories import FilmFactory, MilestoneFactory, SubmissionFactory
from tests.factories.resources import BookingFactory, ResourceFactory

pytestmark = pytest.mark.django_db

TOKEN = "a-data-manager-secret"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def master(film, milestone, version: int, **fields):
    return SubmissionFactory(
        film=film,
        milestone=milestone,
        version=version,
        video_url="",
        file=ContentFile(b"video", name=f"master-{version}.mov"),
        original_filename=f"Master v{version}.mov",
        **fields,
    )


@pytest.fixture
def booking(world):
    resource = ResourceFactory(partner__service_category=Partner.ServiceCategory.DATA_MANAGEMENT)
    return BookingFactory(
        resource=resource, film=world.film, status="approved", confirm_token_hash=token_hash(TOKEN)
    )


def page(client, language: str = "en") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("partner:booking", kwargs={"token": TOKEN}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_partner_sees_each_version_with_its_checksum_and_check(client, world, booking):
    milestone = MilestoneFactory(cohort=world.film.cohort, order=9, deliverable_kind="video")
    master(world.film, milestone, 1, sha256=SHA, check_status="passed", check_report={
        "lines": [{"line": "frame_rate", "expected": "24", "actual": "24", "passed": True},
                  {"line": "complete", "expected": "", "actual": "", "passed": True}]})  # fmt: skip
    second = master(world.film, milestone, 2)  # its checksum still being computed
    elsewhere = FilmFactory(cohort=world.film.cohort)
    master(elsewhere, MilestoneFactory(cohort=elsewhere.cohort, deliverable_kind="video"), 1,
           sha256="0" * 64)  # fmt: skip

    html = page(client)

    assert "Delivered video files" in html
    assert "Master v1.mov" in html and "Master v2.mov" in html
    assert html.index("version 1") < html.index("version 2")
    assert SHA in html and "0" * 64 not in html
    assert "being computed" in html and "✓ Pass" in html
    assert second.file.name not in html  # the file's name in storage, let alone a link to it
    assert "/submissions/" not in html


def test_the_list_speaks_chinese(client, world, booking):
    html = page(client, "zh-hans")

    assert "已交付的视频文件" in html
    assert "这部影片尚未交付任何视频文件。" in html


def test_other_partners_see_no_deliveries(client, world):
    BookingFactory(
        resource=ResourceFactory(),  # shooting equipment
        film=world.film,
        status="approved",
        confirm_token_hash=token_hash(TOKEN),
    )
    milestone = MilestoneFactory(cohort=world.film.cohort, order=9, deliverable_kind="video")
    master(world.film, milestone, 1, sha256=SHA)

    html = page(client)

    assert "Delivered video files" not in html and SHA not in html
