import datetime

import factory
from django.utils import timezone

from guests.models import (
    Category,
    CategoryQuota,
    IndustryAccreditation,
    MarketDay,
    Registration,
    RegistrationPolicy,
)
from tests.factories.accounts import UserFactory
from tests.factories.programs import CohortFactory
from tests.factories.screenings import ScreeningFactory


class RegistrationPolicyFactory(factory.django.DjangoModelFactory):
    """An open policy for a premiere, with a public category without its own quota."""

    class Meta:
        model = RegistrationPolicy
        skip_postgeneration_save = True

    screening = factory.SubFactory(ScreeningFactory)
    is_open = True
    capacity = 20
    offer_hours = 24

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        # {"public": (None, False), "press": (5, True)}: quota and whether approval is needed.
        for category, (quota, approval) in (extracted or {Category.PUBLIC: (None, False)}).items():
            CategoryQuota.objects.create(
                policy=self, category=category, quota=quota, needs_approval=approval
            )


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    screening = factory.SubFactory(ScreeningFactory)
    category = Category.PUBLIC
    name_en = factory.Sequence(lambda n: f"Guest {n}")
    name_zh = factory.Sequence(lambda n: f"嘉宾{n}")
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    # Not "en": the i18n crawl takes stored texts out of pages, and "en" is inside words.
    language = "zh-hans"
    status = Registration.Status.CONFIRMED
    waiting_since = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == Registration.Status.WAITING),
        factory.LazyFunction(timezone.now),
        None,
    )


class IndustryAccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndustryAccreditation

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    kind = IndustryAccreditation.Kind.PLATFORM_BUYER
    organisation = factory.Sequence(lambda n: f"Platform {n}")
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


def market_start(days: int = 10, hour: int = 10) -> datetime.datetime:
    """A market day's opening in festival time, `days` ahead of today there."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    moment = datetime.datetime.combine(day, datetime.time(hour))
    return timezone.make_aware(moment, timezone.get_default_timezone())


class MarketDayFactory(factory.django.DjangoModelFactory):
    """10:00 to 12:00 Beijing time, ten days ahead: four 30-minute slots, two tables."""

    class Meta:
        model = MarketDay

    cohort = factory.SubFactory(CohortFactory)
    starts_at = factory.LazyFunction(market_start)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    slot_minutes = 30
    tables = 2
    place = "Market hall"
