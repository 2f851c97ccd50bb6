"""A person's alumni entries are theirs: in their data export, and gone with their erasure."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from alumni.models import AlumniEntry
from tests.factories import portal_world
from tests.factories.alumni import AlumniEntryFactory, graduate

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_alumni_entries(client):
    world = portal_world()
    graduate(world.film)
    entry = AlumniEntryFactory(film=world.film, festival_en="Clermont-Ferrand")
    client.force_login(world.director)

    response = client.post(reverse("accounts:data_export"))

    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert [(row["id"], row["festival_en"]) for row in data["alumni_entries"]] == [
        (entry.pk, "Clermont-Ferrand")
    ]


def test_erasure_deletes_the_alumni_entries(client, django_capture_on_commit_callbacks):
    world = portal_world()
    graduate(world.film)
    AlumniEntryFactory(film=world.film)
    client.force_login(world.staff)
    url = reverse("workspace:talent_erase", kwargs={"talent_id": world.film.director_id})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "on"})

    assert AlumniEntry.objects.count() == 0
