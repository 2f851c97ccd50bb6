"""A reviewer keeps their own languages and expertise (issue 16): the page in the review area,
the service behind it, and the weighted automatic assignment reading what they ticked."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client

from calls.models import Assignment, Reviewer
from calls.services.review import assignment_auto, reviewer_profile_save
from tests.factories.calls import (
    ApplicationFactory,
    CallFactory,
    ReviewerFactory,
    call_world,
    scoring_round,
)

pytestmark = pytest.mark.django_db


def speaking(client: Client, language: str) -> Client:
    # The reviewer's pages are unprefixed: they speak the language cookie's language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_a_reviewer_ticks_languages_and_expertise_and_they_are_kept():
    world = call_world()
    client = speaking(Client(), "en")
    client.force_login(world.reviewer)
    url = f"/review/calls/{world.call.pk}/profile/"

    page = client.get(url).content.decode()
    posted = client.post(url, {"languages": ["yue", "zh", "yue"], "expertise": ["animation"]})
    again = client.get(url).content.decode()

    seat = Reviewer.objects.get(call=world.call, user=world.reviewer)
    assert "Languages you can review in" in page
    assert posted.status_code == 302
    assert seat.languages == ["yue", "zh"]
    assert seat.expertise == ["animation"]
    assert 'value="yue" class="form-check-input" id="id_languages_1" checked' in again


def test_unticking_everything_clears_them():
    world = call_world()
    seat = Reviewer.objects.get(call=world.call, user=world.reviewer)
    reviewer_profile_save(reviewer=seat, languages=["en"], expertise=["fiction"])
    client = speaking(Client(), "en")
    client.force_login(world.reviewer)

    client.post(f"/review/calls/{world.call.pk}/profile/", {})

    seat.refresh_from_db()
    assert (seat.languages, seat.expertise) == ([], [])


def test_a_choice_not_on_the_list_is_refused_and_nothing_changes():
    world = call_world()
    seat = Reviewer.objects.get(call=world.call, user=world.reviewer)
    reviewer_profile_save(reviewer=seat, languages=["en"], expertise=[])
    client = speaking(Client(), "en")
    client.force_login(world.reviewer)

    response = client.post(
        f"/review/calls/{world.call.pk}/profile/", {"languages": ["klingon"], "expertise": []}
    )

    seat.refresh_from_db()
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert seat.languages == ["en"]


def test_the_service_refuses_a_code_outside_the_lists():
    seat = ReviewerFactory()

    with pytest.raises(ValidationError):
        reviewer_profile_save(reviewer=seat, languages=["xx"], expertise=[])


def test_the_page_speaks_chinese_and_the_home_page_links_it():
    world = call_world()
    client = speaking(Client(), "zh-hans")
    client.force_login(world.reviewer)

    home = client.get("/review/").content.decode()
    page = client.get(f"/review/calls/{world.call.pk}/profile/").content.decode()

    assert f"/review/calls/{world.call.pk}/profile/" in home
    assert "你的语言与专长" in page
    assert "粤语" in page
    assert "英语" in page


def test_a_reviewer_of_another_call_and_a_dropped_reviewer_get_404():
    world = call_world()
    other = ReviewerFactory(call=CallFactory())
    dropped = ReviewerFactory(call=world.call, is_active=False)
    outsider, gone = Client(), Client()
    outsider.force_login(other.user)
    gone.force_login(dropped.user)
    url = f"/review/calls/{world.call.pk}/profile/"

    assert outsider.get(url).status_code == 404
    assert gone.post(url, {"languages": ["en"]}).status_code == 404


def test_what_a_reviewer_ticks_steers_the_weighted_assignment():
    call = CallFactory(reviewers_per_application=1)
    round_ = scoring_round(call)
    cantonese = ReviewerFactory(call=call)
    ReviewerFactory(call=call, languages=["en"])
    for _ in range(2):
        ApplicationFactory(call=call, round=round_, languages=["yue"])
        ApplicationFactory(call=call, round=round_, languages=["en"])
    client = speaking(Client(), "en")
    client.force_login(cantonese.user)

    client.post(f"/review/calls/{call.pk}/profile/", {"languages": ["yue"]})
    assignment_auto(round=round_, by_language=True)

    theirs = Assignment.objects.filter(reviewer=cantonese).select_related("application")
    assert sorted(a.application.languages[0] for a in theirs) == ["yue", "yue"]
