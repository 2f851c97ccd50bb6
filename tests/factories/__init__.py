from tests.factories.accounts import UserFactory
from tests.factories.films import (
    CreditFactory,
    FilmFactory,
    StillFactory,
    SubmissionFactory,
    poster_bytes,
)
from tests.factories.mentors import MentorFactory, PanelMembershipFactory
from tests.factories.programs import (
    CohortFactory,
    CohortPartnerFactory,
    MilestoneFactory,
    PartnerFactory,
    ProgramFactory,
)
from tests.factories.screenings import ScreeningFactory, ScreeningFilmFactory, VenueFactory
from tests.factories.talents import EnrollmentFactory, TalentFactory

__all__ = [
    "CohortFactory",
    "CohortPartnerFactory",
    "CreditFactory",
    "EnrollmentFactory",
    "FilmFactory",
    "MentorFactory",
    "MilestoneFactory",
    "PanelMembershipFactory",
    "PartnerFactory",
    "ProgramFactory",
    "ScreeningFactory",
    "ScreeningFilmFactory",
    "StillFactory",
    "SubmissionFactory",
    "TalentFactory",
    "UserFactory",
    "VenueFactory",
    "poster_bytes",
]
