"""Signed-in pages are served again to the same session while nothing they show has changed
(core.private_cache): every check still runs, a change shows on the next request, and no page
reaches another session, person or CSRF cookie."""

import gzip
import io

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import SecurityEvent, User
from accounts.services import security_event_record
from core import chunked_uploads
from core.public_cache import working_data_version
from films import services as film_services
from films.models import DeliverableUpload
from films.services.deliverables import deliverable_upload_append
from tests.factories import (
    CohortFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.factories.films import DeliverableUploadFactory
from tests.factories.portal import portal_world
from tests.factories.training import SessionFactory as TrainingSessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache_on")]

HOME = reverse("portal:home")


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    client.get(HOME)  # sets the CSRF cookie, as any first page does
    return client


def test_a_signed_in_page_is_served_again_with_only_the_session_and_person_read(
    django_assert_num_queries,
):
    world = portal_world()
    client = signed_in(world.director)
    first = client.get(HOME)

    with django_assert_num_queries(2):  # the session (database sessions here) and the person
        second = client.get(HOME)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert world.film.title_en in second.content.decode()
    assert second["Cache-Control"] == "private, no-store"
    assert second["Content-Type"] == first["Content-Type"]


def test_a_change_to_a_film_shows_on_the_next_request(committed):
    world = portal_world()
    client = signed_in(world.director)
    client.get(HOME)

    committed(film_services.film_update, film=world.film, title_en="The Cage (restored)")

    page = client.get(HOME)
    assert "X-Page-Cache" not in page
    assert "The Cage (restored)" in page.content.decode()


def test_a_private_row_shows_on_the_next_request(committed):
    world = portal_world()
    client = signed_in(world.producer)
    queue = reverse("portal:reviews")
    before = client.get(queue).content.decode()

    committed(
        lambda: SubmissionFactory(film=world.film, milestone=world.document_milestone, note="x")
    )

    after = client.get(queue).content.decode()
    assert world.document_milestone.name_en not in before
    assert world.document_milestone.name_en in after


def test_an_upload_that_moved_on_shows_how_far_it_got(committed, settings):
    # The offset is written with QuerySet.update (no model signal): the service says so itself.
    world = portal_world()
    upload = DeliverableUploadFactory(
        film=world.film, milestone=world.video_file_milestone, created_by=world.director, size=1000
    )
    DeliverableUpload.objects.exclude(pk=upload.pk).delete()
    chunked_uploads.incoming_create(str(upload.token))
    client = signed_in(world.director)
    page = reverse(
        "portal:milestone",
        kwargs={"film_id": world.film.pk, "milestone_id": world.video_file_milestone.pk},
    )
    assert "stopped at 0%" in client.get(page).content.decode()

    committed(
        deliverable_upload_append, upload=upload, offset=0, body=io.BytesIO(b"x" * 500), length=500
    )

    assert "stopped at 50%" in client.get(page).content.decode()


def test_another_session_of_the_same_person_renders_its_own_page():
    world = portal_world()
    signed_in(world.director).get(HOME)

    other = signed_in(world.director).get(HOME)

    assert "X-Page-Cache" not in other


def test_a_page_made_for_one_csrf_cookie_is_not_served_with_another(settings):
    world = portal_world()
    client = signed_in(world.director)
    client.get(HOME)

    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    page = client.get(HOME)

    assert "X-Page-Cache" not in page


def test_another_person_never_gets_the_page():
    world = portal_world()
    director = signed_in(world.director)
    director.get(HOME)
    producer = signed_in(world.producer)
    producer.cookies["sessionid"] = producer.cookies["sessionid"].value

    page = producer.get(HOME)

    assert "X-Page-Cache" not in page
    assert "Films I mentor" in page.content.decode()


def test_a_person_made_inactive_is_refused_even_without_a_new_version():
    # A plain UPDATE bumps no version: the access check itself runs on every request.
    world = portal_world()
    client = signed_in(world.director)
    client.get(HOME)

    User.objects.filter(pk=world.director.pk).update(is_active=False)

    page = client.get(HOME)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


def test_a_waiting_message_is_shown_and_the_page_with_it_is_not_stored():
    world = portal_world()
    client = signed_in(world.producer)
    queue = reverse("portal:reviews")
    client.get(queue)

    answer = client.post(queue, {"review_emails": "daily"}, follow=True)

    assert "X-Page-Cache" not in answer
    assert "Your email choice is saved." in answer.content.decode()
    assert "Your email choice is saved." not in client.get(queue).content.decode()


def test_a_page_whose_view_added_a_message_is_not_stored(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from core.private_cache import cached_private_page

    @cached_private_page
    def view(request):
        from django.contrib import messages

        messages.info(request, "Once")
        return HttpResponse("page")

    def request():
        made = rf.get("/portal/")
        made.user, made.session, made.LANGUAGE_CODE = user, session, "en"
        made._messages = FallbackStorage(made)
        return made

    user = UserFactory()
    session = SessionStore()
    session.create()
    first = request()
    view(first)
    list(get_messages(first))  # shown on that page
    session.modified = False

    second = view(request())

    assert "X-Page-Cache" not in second


def test_a_post_is_never_answered_from_the_cache():
    world = portal_world()
    client = signed_in(world.producer)
    queue = reverse("portal:reviews")
    client.get(queue)

    answer = client.post(queue, {"review_emails": "nonsense"})

    assert "X-Page-Cache" not in answer
    assert answer.status_code == 400


def test_the_staff_dashboard_is_served_again_to_the_same_session():
    staff = UserFactory(is_staff=True)
    cohort = CohortFactory()
    client = signed_in(staff)
    page = reverse("workspace:cohort", kwargs={"slug": cohort.slug})
    client.get(page)  # staff are sent on from the portal: this one sets the CSRF cookie
    first = client.get(page)

    second = client.get(page)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_trail_rows_leave_the_version_alone_and_other_rows_bump_it(committed):
    user = UserFactory()
    before = working_data_version()

    committed(
        security_event_record,
        kind=SecurityEvent.Kind.LOGIN_SUCCEEDED,
        user=user,
        actor=user,
        details={},
    )
    after_trail = working_data_version()
    committed(lambda: TrainingSessionFactory())

    assert after_trail == before
    assert working_data_version() != before


def test_nothing_is_cached_when_it_is_turned_off(settings):
    settings.PRIVATE_PAGE_CACHE_SECONDS = 0
    world = portal_world()
    client = signed_in(world.director)
    client.get(HOME)

    assert "X-Page-Cache" not in client.get(HOME)


def test_a_browser_that_accepts_gzip_gets_the_page_compressed_once_and_another_the_plain_one():
    world = portal_world()
    client = signed_in(world.director)
    made = client.get(HOME, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    hit = client.get(HOME, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(HOME)

    assert made["Content-Encoding"] == hit["Content-Encoding"] == "gzip"
    assert hit["X-Page-Cache"] == "hit" and hit.content == made.content
    assert world.film.title_en in gzip.decompress(hit.content).decode()
    assert "Content-Encoding" not in plain
    assert world.film.title_en in plain.content.decode()
    assert "Accept-Encoding" in hit["Vary"] and "Accept-Encoding" in plain["Vary"]
