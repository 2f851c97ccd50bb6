import datetime

import factory
from django.utils import timezone

from tests.factories.programs import CohortFactory
from training.models import Session


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
