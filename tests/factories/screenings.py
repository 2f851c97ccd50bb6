import datetime

import factory
from django.utils import timezone

from screenings.models import Screening, ScreeningFilm, Venue
from tests.factories.films import FilmFactory
from tests.factories.programs import CohortFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    slug = factory.Sequence(lambda n: f"venue-{n}")
    name_en = factory.Sequence(lambda n: f"Cinema {n}")
    name_zh = factory.Sequence(lambda n: f"影院{n}")
    capacity = 300


class ScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Screening

    cohort = factory.SubFactory(CohortFactory)
    slug = factory.Sequence(lambda n: f"screening-{n}")
    kind = Screening.Kind.PREMIERE
    title_en = factory.Sequence(lambda n: f"Screening {n}")
    title_zh = factory.Sequence(lambda n: f"放映{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)


class ScreeningFilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningFilm

    screening = factory.SubFactory(ScreeningFactory)
    film = factory.SubFactory(FilmFactory, cohort=factory.SelfAttribute("..screening.cohort"))
    order = factory.Sequence(lambda n: n)
