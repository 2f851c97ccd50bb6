"""A mentor keeps their own public profile and chooses which personal details are published."""

import io
from pathlib import PurePath

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from mentors.models import Mentor
from tests.factories.portal import portal_world

pytestmark = pytest.mark.django_db


def profile_form(**overrides) -> dict:
    data = {
        "title_zh": "监制",
        "title_en": "Senior producer",
        "company_zh": "",
        "company_en": "Northern Light Pictures",
        "bio_zh": "",
        "bio_en": "Produced twelve features.",
        "links_text": "Studio | https://studio.example.org",
        "publish_links": "on",
    }
    return {**data, **overrides}


def test_mentor_profile_saves_and_publishes_only_what_was_chosen(client):
    world = portal_world(film_published=True)
    client.force_login(world.producer)

    response = client.post(reverse("portal:mentor_profile"), profile_form())
    mentor = Mentor.objects.get(user=world.producer)
    with translation.override("en"):
        public = client.get(mentor.get_absolute_url())

    assert response.status_code == 302
    assert (mentor.title_en, mentor.publish_links, mentor.publish_photo) == (
        "Senior producer",
        True,
        False,
    )
    assert mentor.links == [{"label": "Studio", "url": "https://studio.example.org"}]
    assert public.status_code == 200
    assert "https://studio.example.org" in public.text


def test_mentor_profile_refuses_a_bad_link_and_saves_nothing(client):
    world = portal_world()
    client.force_login(world.producer)

    response = client.post(
        reverse("portal:mentor_profile"),
        profile_form(links_text="Studio | javascript:alert(1)", bio_en="Changed."),
    )

    assert response.status_code == 400
    assert "links_text" in response.context["form"].errors
    assert Mentor.objects.get(user=world.producer).bio_en != "Changed."


def test_mentor_photo_is_checked_and_re_encoded(client, settings):
    world = portal_world()
    client.force_login(world.panel_member)
    out = io.BytesIO()
    Image.new("RGB", (300, 400), "teal").save(out, format="JPEG")

    response = client.post(
        reverse("portal:mentor_photo"),
        {
            "image": SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg"),
            "alt_en": "Portrait",
        },
    )
    refused = client.post(
        reverse("portal:mentor_photo"),
        {"image": SimpleUploadedFile("me.jpg", b"%PDF-1.7"), "alt_en": "Portrait"},
    )

    mentor = Mentor.objects.get(user=world.panel_member)
    assert response.status_code == 302
    assert mentor.photo.name.startswith("mentors/")
    assert PurePath(mentor.photo.name).name != "me.jpg"  # a server-made name
    assert refused.status_code == 400


def test_mentor_profile_is_not_for_directors(client):
    world = portal_world()
    client.force_login(world.director)

    response = client.get(reverse("portal:mentor_profile"))

    assert response.status_code == 404
