import datetime

import factory
from django.utils import timezone

from rights.models import Licence
from tests.factories.films import FilmFactory


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
