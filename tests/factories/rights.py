import datetime

import factory
from django.utils import timezone

from rights.models import Licence
from screenings.models import Screening
from tests.factories.films import FilmFactory
from tests.factories.screenings import ScreeningFactory


class LicenceFactory(factory.django.DjangoModelFactory):
    """A streaming licence to a platform, running from a month ago to two months ahead."""

    class Meta:
        model = Licence

    film = factory.SubFactory(FilmFactory)
    licensor = factory.LazyAttribute(lambda o: str(o.film.director))
    licensee = "iQIYI"
    territory = "Mainland China"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    covers_streaming = True


def online_exhibition(cohort, *, days: int = 30, **fields):
    """An online exhibition of the cohort on a platform, open from yesterday for `days` days."""
    now = timezone.now()
    defaults = {
        "venue": None,
        "platform_name_en": "iQIYI",
        "platform_url": "https://v.example.org/talents",
        "starts_at": now - datetime.timedelta(days=1),
        "ends_at": now + datetime.timedelta(days=days),
    }
    return ScreeningFactory(cohort=cohort, kind=Screening.Kind.ONLINE, **(defaults | fields))
