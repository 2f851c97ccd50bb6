"""Volume and a poison task, with real workers: 200 submissions in a burst reach the producer as
200 distinct emails; a poster that crashes the thumbnailer is given up after its attempts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from films.models import Film
from films.services import film_set_poster, milestone_submit
from outbox.models import OutboxMessage
from tests.factories import FilmFactory, MilestoneFactory, poster_bytes
from tests.factories.portal import director_user, mentor_user
from tests.reliability.components import logs, running_stack
from tests.workers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

BURST = 200


def test_a_burst_of_submissions_is_delivered_as_distinct_emails_by_two_workers(
    redis_url, tmp_path, smtp
):
    handler, smtp_env = smtp
    producer_profile, producer = mentor_user()
    film = FilmFactory(producer=producer_profile)
    director = director_user(film)
    milestone = MilestoneFactory(cohort=film.cohort, deliverable_kind="video_link")

    with running_stack(redis_url, tmp_path, workers=2, **smtp_env) as workers:
        for number in range(BURST):
            milestone_submit(
                film=film,
                milestone=milestone,
                submitted_by=director,
                video_url=f"https://pan.example.org/s/{number}",
            )
        wait_for(lambda: len(handler.accepted) >= BURST, timeout=60, worker=workers[0])
        both_worked = [("outbox.message_send" in worker.log()) for worker in workers]
        log = logs(workers)

    message_ids = set(OutboxMessage.objects.values_list("message_id", flat=True))
    assert len(message_ids) == BURST
    assert sorted(handler.message_ids()) == sorted(message_ids), log
    assert {recipient for _id, recipient in handler.accepted} == {producer.email}
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert both_worked == [True, True]


def test_a_poster_that_crashes_the_thumbnailer_is_given_up_after_its_attempts(
    redis_url, tmp_path, settings
):
    film = FilmFactory()
    poster = SimpleUploadedFile("poster.jpg", poster_bytes(), content_type="image/jpeg")

    with running_stack(redis_url, tmp_path, TEST_THUMBNAILER_CRASH="1") as workers:
        film_set_poster(film=film, upload=poster, alt_en="Poster")
        wait_for(lambda: poster_status(film) == Film.PosterStatus.FAILED, timeout=60)
        log = logs(workers)

    film.refresh_from_db()
    assert film.poster_attempts == settings.POSTER_MAX_ATTEMPTS, log
    assert film.poster_error == (
        f"Thumbnailing stopped after {settings.POSTER_MAX_ATTEMPTS} failed attempts."
    )
    # Each try killed its pool process; the worker put the task back each time.
    assert log.count("exited with 'exitcode 1'") == settings.POSTER_MAX_ATTEMPTS


def poster_status(film: Film) -> str:
    return Film.objects.get(pk=film.pk).poster_status
