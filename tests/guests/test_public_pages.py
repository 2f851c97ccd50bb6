"""The guest's pages: register, the registration page in each state, confirm, accept, cancel."""

import pytest
from django.urls import reverse
from django.utils import translation

from guests.models import Category, Registration
from outbox.models import OutboxMessage
from tests.factories import RegistrationFactory, RegistrationPolicyFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def register_url(policy) -> str:
    screening = policy.screening
    return reverse(
        "guests_public:register", kwargs={"cohort": screening.cohort.slug, "slug": screening.slug}
    )


def form(**fields) -> dict:
    return {"name_en": "Ann Lee", "email": "ann@example.org", "category": "public", **fields}


def test_register_then_confirm_shows_the_ticket_with_its_qr_code(client):
    policy = RegistrationPolicyFactory()

    response = client.post(register_url(policy), form(), follow=True)
    registration = Registration.objects.get()
    confirmed = client.post(
        reverse("guests_public:confirm", kwargs={"secret": registration.link_secret}), follow=True
    )

    assert "Check your email" in response.content.decode()
    page = confirmed.content.decode()
    assert registration.ticket_code in page
    assert 'src="data:image/png;base64,' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name_en": ""}, "Give your name"),
        ({"email": "not-an-email"}, "valid email"),
        ({"category": "press"}, "Select a valid choice"),
        ({"category": "industry"}, "Select a valid choice"),
    ],
)
def test_bad_registration_is_shown_again_with_a_message(client, fields, message):
    policy = RegistrationPolicyFactory()

    response = client.post(register_url(policy), form(**fields))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Registration.objects.count() == 0


def test_duplicate_email_keeps_what_was_typed(client):
    policy = RegistrationPolicyFactory()
    RegistrationFactory(screening=policy.screening, email="ann@example.org")

    response = client.post(register_url(policy), form(name_en="Ann Again"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "already registered" in page
    assert 'value="Ann Again"' in page


def test_press_without_organisation_is_refused(client):
    policy = RegistrationPolicyFactory(categories={Category.PRESS: (None, False)})

    response = client.post(register_url(policy), form(category="press"))

    assert response.status_code == 400
    assert "name their organisation" in response.content.decode()


def test_closed_registration_says_so(client):
    policy = RegistrationPolicyFactory(is_open=False)

    response = client.post(register_url(policy), form())

    assert "Registration for this screening is closed." in response.content.decode()
    assert Registration.objects.count() == 0


def test_cancel_link_asks_once_then_cancels(client):
    registration = RegistrationFactory(status=Status.CONFIRMED)
    RegistrationPolicyFactory(screening=registration.screening)
    url = reverse("guests_public:cancel", kwargs={"secret": registration.link_secret})

    asked = client.get(url)
    client.post(url)

    assert "Cancel my registration" in asked.content.decode()
    assert Registration.objects.get().status == Status.CANCELLED
    assert OutboxMessage.objects.filter(cause__endswith="guest_cancelled").count() == 1


def test_forged_secret_is_not_found(client):
    RegistrationFactory()

    response = client.get(reverse("guests_public:ticket", kwargs={"secret": "made-up"}))

    assert response.status_code == 404


def test_accepting_without_an_offer_says_so(client):
    registration = RegistrationFactory(status=Status.WAITING)
    RegistrationPolicyFactory(screening=registration.screening)

    response = client.post(
        reverse("guests_public:accept", kwargs={"secret": registration.link_secret})
    )

    assert response.status_code == 400
    assert "no open offer" in response.content.decode()


@pytest.mark.parametrize("quotas", [1, 4])
def test_register_page_makes_a_fixed_number_of_queries(client, django_assert_num_queries, quotas):
    categories = dict.fromkeys(list(Category)[:quotas], (None, False))
    policy = RegistrationPolicyFactory(categories=categories)
    RegistrationFactory.create_batch(quotas * 3, screening=policy.screening)

    with django_assert_num_queries(2):
        response = client.get(register_url(policy))

    assert response.status_code == 200


@pytest.mark.parametrize("waiting", [1, 5])
def test_ticket_page_makes_a_fixed_number_of_queries(client, django_assert_num_queries, waiting):
    policy = RegistrationPolicyFactory(capacity=0)
    guests = RegistrationFactory.create_batch(
        waiting, screening=policy.screening, status=Status.WAITING
    )

    with django_assert_num_queries(2):
        client.get(guests[-1].get_absolute_url())
