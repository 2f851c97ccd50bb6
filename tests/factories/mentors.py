import factory

from mentors.models import Mentor, PanelMembership


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    slug = factory.Sequence(lambda n: f"mentor-{n}")
    name_original = factory.Sequence(lambda n: f"监制{n}")
    name_latin = factory.Sequence(lambda n: f"Mentor {n}")
    title_en = "Producer"
    title_zh = "监制"


class PanelMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMembership

    cohort = factory.SubFactory("tests.factories.programs.CohortFactory")
    mentor = factory.SubFactory(MentorFactory)
    role = PanelMembership.Role.INSTRUCTOR
