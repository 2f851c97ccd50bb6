import io
import json
import zipfile

import pytest
from django.urls import reverse

from accounts.models import SecurityEvent
from tests.factories import CommentFactory, portal_world
from tests.permissions.expectations import file_submission

pytestmark = pytest.mark.django_db


def exported(client, user) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.post(reverse("accounts:data_export"))
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_data_export_holds_everything_about_the_director(client):
    world = portal_world()
    submission = file_submission(world)
    CommentFactory(submission=submission, author=world.director, body="My own note.")

    archive = exported(client, world.director)
    data = json.loads(archive.read("data.json"))

    assert data["user"]["email"] == world.director.email
    assert data["talent_profile"][0]["slug"] == world.film.director.slug
    assert [film["slug"] for film in data["films"]] == [world.film.slug]
    assert {row["id"] for row in data["submissions"]} == {world.submission.pk, submission.pk}
    assert [row["body"] for row in data["comments"]] == ["My own note."]
    assert data["security_events"][0]["kind"] == "login_succeeded"
    assert archive.read(f"files/submissions/{submission.pk}.pdf") == b"%PDF-1.4 matrix"


def test_data_export_never_contains_the_password_hash(client):
    world = portal_world()

    archive = exported(client, world.director)

    assert world.director.password.encode() not in archive.read("data.json")
    assert b'"password"' not in archive.read("data.json")


def test_data_export_holds_nothing_of_other_people(client):
    world = portal_world()

    data = json.loads(exported(client, world.same_cohort_director).read("data.json"))

    assert data["films"][0]["slug"] != world.film.slug
    assert world.director.email not in json.dumps(data)


def test_data_export_is_a_security_event(client):
    world = portal_world()

    exported(client, world.producer)

    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.DATA_EXPORTED)
    assert (event.user, event.actor) == (world.producer, world.producer)


def test_data_export_is_post_only(client):
    client.force_login(portal_world().director)

    response = client.get(reverse("accounts:data_export"))

    assert response.status_code == 405
