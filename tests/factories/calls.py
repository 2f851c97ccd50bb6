"""The open call's people and things: a call (open now, with the standard rounds and a rubric
for first-round scoring), applications in any state, reviewers, and `call_world`, one call with
every role around it (the permission matrix and the flow tests share it)."""

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from accounts.models import User
from calls.models import (
    Application,
    Assignment,
    Call,
    Conflict,
    Criterion,
    Question,
    Reviewer,
    Round,
)
from calls.services.setup import DEFAULT_ROUNDS
from tests.factories.accounts import UserFactory
from tests.factories.programs import CohortFactory


class CallFactory(factory.django.DjangoModelFactory):
    """Open from yesterday to ten days from now, festival time."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    slug = factory.Sequence(lambda n: f"call-{n}")
    title_zh = factory.Sequence(lambda n: f"第{n}届征集")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    text_en = "Send us your short-film project."
    text_zh = "提交你的短片项目。"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    birth_year_min = 1985
    required_materials = factory.LazyFunction(lambda: ["treatment"])
    reviewers_per_application = 3

    @factory.post_generation
    def rounds(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (kind, name_zh, name_en) in enumerate(DEFAULT_ROUNDS, start=1):
            Round.objects.create(
                call=self, order=order, kind=kind, name_zh=name_zh, name_en=name_en
            )
        scoring = self.rounds.get(kind=Round.Kind.SCORING)
        Criterion.objects.create(
            round=scoring,
            order=1,
            name_en="Story",
            name_zh="故事",
            weight=2,
            scale_max=5,
            guidance_en="Is the story clear and surprising?",
            guidance_zh="故事是否清晰、出人意料？",
        )
        Criterion.objects.create(
            round=scoring,
            order=2,
            name_en="Voice",
            name_zh="作者风格",
            weight=1,
            scale_max=5,
            guidance_en="Does the director have a voice of their own?",
            guidance_zh="导演是否有自己的风格？",
        )


def scoring_round(call: Call) -> Round:
    return call.rounds.get(kind=Round.Kind.SCORING)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    call = factory.SubFactory(CallFactory)
    order = factory.Sequence(lambda n: n)
    kind = Question.Kind.LONG_TEXT
    label_en = "Why this film, why now?"
    label_zh = "为什么是这部电影，为什么是现在？"
    is_required = True
    max_chars = 300


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted, complete application in the first round; pass state=draft for a draft."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    state = Application.State.SUBMITTED
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.state != Application.State.DRAFT else None
    )
    round = factory.LazyAttribute(lambda o: o.call.rounds.order_by("order").first())
    name_original = factory.Sequence(lambda n: f"申请人{n}")
    name_latin = factory.Sequence(lambda n: f"Applicant {n}")
    birth_year = 1995
    residence = "Beijing"
    earlier_works = 2
    title_zh = factory.Sequence(lambda n: f"项目{n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    logline_zh = "一个关于回家的故事。"
    logline_en = "A story about going home."


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    user = factory.SubFactory(UserFactory)
    kind = Reviewer.Kind.PANEL

    @factory.post_generation
    def flag_the_account(obj, create, extracted, **kwargs):
        # As calls.services.review.reviewer_add does: the menu links /review/.
        if create and obj.is_active:
            type(obj.user).objects.filter(pk=obj.user_id).update(reviews_calls=True)
            obj.user.reviews_calls = True


@dataclass
class CallWorld:
    call: Call
    scoring: Round
    application: Application
    draft: Application
    applicant: User
    co_applicant: User
    reviewer: User
    conflicted_reviewer: User
    outside_juror: User
    assignment: Assignment
    conflicted_assignment: Assignment
    juror_assignment: Assignment


def call_world(cohort=None) -> CallWorld:
    """An open call with a submitted application (its applicant, an accepted co-applicant), a
    draft of somebody else, a panel reviewer assigned to it, a reviewer assigned to it who then
    declared a conflict, and an outside juror assigned to it."""
    from calls.models import CoApplicant

    call = CallFactory(**({"cohort": cohort} if cohort else {}))
    scoring = scoring_round(call)
    applicant = UserFactory(full_name="Ada Applicant")
    application = ApplicationFactory(call=call, applicant=applicant, round=scoring)
    draft = ApplicationFactory(call=call, state=Application.State.DRAFT)
    co_applicant = UserFactory(full_name="Cora Co-applicant")
    CoApplicant.objects.create(
        application=application,
        email=co_applicant.email,
        role="writer",
        token_hash="matrix-co-applicant",
        user=co_applicant,
        accepted_at=timezone.now(),
    )
    reviewers = {}
    for role, kind in (
        ("reviewer", Reviewer.Kind.PANEL),
        ("conflicted_reviewer", Reviewer.Kind.PRODUCER),
        ("outside_juror", Reviewer.Kind.OUTSIDE_JUROR),
    ):
        reviewers[role] = ReviewerFactory(call=call, kind=kind, user=UserFactory(full_name=role))
    assignments = {
        role: Assignment.objects.create(round=scoring, application=application, reviewer=r)
        for role, r in reviewers.items()
    }
    Conflict.objects.create(
        reviewer=reviewers["conflicted_reviewer"], application=application, reason="A friend"
    )
    return CallWorld(
        call=call,
        scoring=scoring,
        application=application,
        draft=draft,
        applicant=applicant,
        co_applicant=co_applicant,
        reviewer=reviewers["reviewer"].user,
        conflicted_reviewer=reviewers["conflicted_reviewer"].user,
        outside_juror=reviewers["outside_juror"].user,
        assignment=assignments["reviewer"],
        conflicted_assignment=assignments["conflicted_reviewer"],
        juror_assignment=assignments["outside_juror"],
    )
