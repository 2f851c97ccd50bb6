import datetime

import factory
from django.utils import timezone

from tests.factories.programs import CohortFactory
from training.models import Session
from training.services import session_create


class SessionFactory(factory.django.DjangoModelFactory):
    """Three days from now, 14:00–17:00 Beijing time, for the whole cohort."""

    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    kind = Session.Kind.WORKSHOP
    title_zh = factory.Sequence(lambda n: f"工作坊{n}")
    title_en = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = factory.LazyFunction(
        lambda: (
            timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=3)
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    venue_en = "Huairou studio"
    whole_cohort = True


def beijing(days: int, hour: int = 14) -> datetime.datetime:
    """`days` from today at `hour` o'clock, festival time."""
    return timezone.localtime().replace(
        hour=hour, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=days)


def world_masterclass(world, **fields) -> Session:
    """Through the service: a masterclass for the portal world's whole cohort in three days,
    taught by its panel member; everyone it concerns is invited."""
    defaults = {
        "kind": "masterclass",
        "title_zh": "导演大师课",
        "title_en": "Directing masterclass",
        "starts_at": beijing(3),
        "ends_at": beijing(3, 17),
        "whole_cohort": True,
        "mentors": [world.panel_member.mentor_profile],
    }
    return session_create(cohort=world.cohort, **(defaults | fields))
