from dataclasses import dataclass

import pytest

from tests.factories import FilmFactory, MentorFactory, UserFactory
from tests.factories.guests import IndustryAccreditationFactory, MarketDayFactory


@dataclass
class Market:
    day: object
    film: object
    director: object
    producer: object
    guest: object
    accreditation: object

    def slot(self, n: int):
        return self.day.slots()[n]


def market_world(day=None) -> Market:
    """A film whose director and producer have accounts, an accredited guest, a market day
    (the one given: several worlds share a market day and its tables)."""
    day = day or MarketDayFactory()
    director = UserFactory(full_name="Dana Director", preferred_language="zh-hans")
    producer = UserFactory(full_name="Paul Producer", preferred_language="en")
    film = FilmFactory(cohort=day.cohort, producer=MentorFactory(user=producer))
    film.director.user = director
    film.director.save(update_fields=["user"])
    guest = UserFactory(full_name="Greta Guest", preferred_language="en")
    accreditation = IndustryAccreditationFactory(cohort=day.cohort, user=guest)
    return Market(day, film, director, producer, guest, accreditation)


@pytest.fixture
def market():
    return market_world()
