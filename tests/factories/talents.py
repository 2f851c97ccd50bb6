import factory

from talents.models import Enrollment, Talent


class TalentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talent

    slug = factory.Sequence(lambda n: f"director-{n}")
    name_original = factory.Sequence(lambda n: f"导演{n}")
    name_latin = factory.Sequence(lambda n: f"Director {n}")
    bio_en = "Makes short films."
    bio_zh = "短片导演。"


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    talent = factory.SubFactory(TalentFactory)
    cohort = factory.SubFactory("tests.factories.programs.CohortFactory")
    status = Enrollment.Status.ACTIVE
