"""Every form in tests/fuzz/targets.py, posted through its real view with generated input: no
input answers 500 (the test client re-raises a view's exception), and an answer other than a
redirect leaves every table as it was; what a redirect saved passes full_clean()."""

from django.apps import apps
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from talents.models import Enrollment
from tests.factories import (
    InvitationFactory,
    RegistrationPolicyFactory,
    RevisionFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    VenueFactory,
    portal_world,
)
from tests.fuzz.strategies import form_data
from tests.fuzz.targets import TARGETS, FormTarget
from tests.fuzz.targets_alumni import ALUMNI_WATCHED, alumni_world
from tests.fuzz.targets_calls import CALL_WATCHED
from tests.fuzz.targets_calls import extend_world as extend_world_with_calls
from tests.fuzz.targets_guests import GUEST_WATCHED, market_world
from tests.fuzz.targets_production import PRODUCTION_WATCHED, production_world

WATCHED = [
    apps.get_model(label)
    for label in (
        "accounts.User",
        "invitations.Invitation",
        "programs.Cohort",
        "programs.MilestoneDefinition",
        "programs.Partner",
        "programs.CohortPartner",
        "talents.Talent",
        "talents.Enrollment",
        "mentors.Mentor",
        "mentors.PanelMembership",
        "films.Film",
        "films.Credit",
        "films.Still",
        "films.MilestoneSubmission",
        "films.SubmissionComment",
        "films.DeliverableUpload",
        "films.FilmRevision",
        "screenings.Venue",
        "screenings.Screening",
        "screenings.ScreeningFilm",
        "workspace.Announcement",
        *CALL_WATCHED,
        *PRODUCTION_WATCHED,
        *GUEST_WATCHED,
        *ALUMNI_WATCHED,
    )
]


def snapshot() -> dict:
    return {model: set(model.objects.values_list("pk", flat=True)) for model in WATCHED}


class FormFuzzTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        world = portal_world()
        world.invitation_token = "fuzz-invitation-token"
        InvitationFactory(token=world.invitation_token, talent=world.film.director)
        world.enrollment = Enrollment.objects.get(cohort=world.cohort, talent=world.film.director)
        world.revision = RevisionFactory(film=world.film)
        world.screening = ScreeningFactory(cohort=world.cohort)
        world.entry = ScreeningFilmFactory(screening=world.screening, film=world.film)
        world.venue = VenueFactory()
        extend_world_with_calls(world)
        production_world(world)
        RegistrationPolicyFactory(screening=world.screening)
        alumni_world(world)
        market_world(world)
        cls.world = world

    def posted(self, target: FormTarget, payload: dict):
        client = Client()
        user = self.world.user(target.role)
        if user is not None:
            client.force_login(user)
        send = client.get if target.method == "get" else client.post
        return send(target.url(self.world), payload)

    def check(self, target: FormTarget, payload: dict) -> None:
        before = snapshot()

        response = self.posted(target, payload)

        assert response.status_code < 500
        after = snapshot()
        if response.status_code != 302 or target.method == "get":
            assert after == before, (target.name, payload)
            return
        for model, pks in after.items():
            for row in model.objects.filter(pk__in=pks - before[model]):
                row.full_clean()
        self.world.film.refresh_from_db()
        self.world.film.full_clean()


def _fuzz_test(target: FormTarget):
    @given(data=st.data())
    def test(self, data):
        payload = data.draw(form_data(target.fields(), target.fixed), label="payload")
        self.check(target, payload)

    test.__name__ = f"test_fuzz_{target.name}"
    return test


for _index, _target in enumerate(TARGETS):
    setattr(FormFuzzTest, f"test_fuzz_{_index:02d}_{_target.name}", _fuzz_test(_target))
