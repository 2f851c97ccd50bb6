import datetime

import factory

from programs.models import Cohort, CohortPartner, MilestoneDefinition, Partner, Program


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("slug",)

    slug = "bjiff-talents"
    name_zh = "北京国际电影节短片创投训练营"
    name_en = "BJIFF TALENTS"
    organiser_en = "Beijing International Film Festival"


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    year = factory.Sequence(lambda n: 2000 + n)
    slug = factory.LazyAttribute(lambda o: f"cohort-{o.year}")
    edition_zh = factory.LazyAttribute(lambda o: f"{o.year}年")
    edition_en = factory.LazyAttribute(lambda o: f"{o.year} edition")
    training_start = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 10))
    training_end = factory.LazyAttribute(lambda o: datetime.date(o.year, 7, 10))
    premiere_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 8, 20))
    status = Cohort.Status.TRAINING


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneDefinition

    cohort = factory.SubFactory(CohortFactory)
    order = factory.Sequence(lambda n: n + 1)
    name_zh = factory.Sequence(lambda n: f"阶段{n}")
    name_en = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = factory.LazyAttribute(
        lambda o: o.cohort.training_start + datetime.timedelta(days=30)
    )
    deliverable_kind = MilestoneDefinition.DeliverableKind.DOCUMENT


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    slug = factory.Sequence(lambda n: f"partner-{n}")
    name_en = factory.Sequence(lambda n: f"Partner {n}")
    service_category = Partner.ServiceCategory.EQUIPMENT


class CohortPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortPartner

    cohort = factory.SubFactory(CohortFactory)
    partner = factory.SubFactory(PartnerFactory)
    service_en = "Shooting equipment"
    service_zh = "拍摄器材"


def earlier_cohort_with_schedule() -> Cohort:
    """A 2031 cohort with two milestones, to copy a schedule from."""
    cohort = CohortFactory(year=2031, training_start=datetime.date(2031, 3, 1))
    MilestoneFactory(cohort=cohort, order=1, due_date=datetime.date(2031, 3, 15), name_en="Script")
    MilestoneFactory(
        cohort=cohort, order=2, due_date=datetime.date(2031, 8, 1), gates_screening=True
    )
    return cohort
