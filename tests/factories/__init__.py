from tests.factories.accounts import UserFactory
from tests.factories.films import (
    CreditFactory,
    FilmFactory,
    StillFactory,
    SubmissionFactory,
    poster_bytes,
)
from tests.factories.guests import RegistrationFactory, RegistrationPolicyFactory
from tests.factories.invitations import InvitationFactory
from tests.factories.mentors import MentorFactory, PanelMembershipFactory
from tests.factories.portal import (
    CommentFactory,
    RevisionFactory,
    image_bytes,
    pdf_bytes,
    portal_world,
)
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
    "CommentFactory",
    "CreditFactory",
    "EnrollmentFactory",
    "FilmFactory",
    "InvitationFactory",
    "MentorFactory",
    "MilestoneFactory",
    "PanelMembershipFactory",
    "PartnerFactory",
    "ProgramFactory",
    "RegistrationFactory",
    "RegistrationPolicyFactory",
    "RevisionFactory",
    "ScreeningFactory",
    "ScreeningFilmFactory",
    "StillFactory",
    "SubmissionFactory",
    "TalentFactory",
    "UserFactory",
    "VenueFactory",
    "image_bytes",
    "pdf_bytes",
    "portal_world",
    "poster_bytes",
]
