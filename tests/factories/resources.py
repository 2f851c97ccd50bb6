import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from resources.models import Availability, Booking, Resource
from tests.factories.films import FilmFactory
from tests.factories.programs import PartnerFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    partner = factory.SubFactory(PartnerFactory)
    kind = Resource.Kind.GRADING_SUITE
    name_zh = factory.Sequence(lambda n: f"调色棚{n}")
    name_en = factory.Sequence(lambda n: f"Grading suite {n}")
    quantity = 1
    charge = Resource.Charge.PER_DAY
    value_cny = Decimal("8000.00")
    contact_name = "Lin Partner"
    contact_email = factory.Sequence(lambda n: f"contact{n}@partner.example.org")
    contact_language = "zh-hans"


class AvailabilityFactory(factory.django.DjangoModelFactory):
    """From today to 120 days on, in the festival's time zone."""

    class Meta:
        model = Availability

    resource = factory.SubFactory(ResourceFactory)
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=120))


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    resource = factory.SubFactory(ResourceFactory)
    film = factory.SubFactory(FilmFactory)
    unit = 1
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
