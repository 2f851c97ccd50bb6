"""The demo's open call: next year's cohort calls for applications, open now, with applications
in every state (drafts, submitted ones awaiting or past the eligibility check, a withdrawal) and
the first round's reviews in progress. All applicants are fictional. Through the services, so the
demo obeys every rule; idempotent: found by its slug, a second run creates nothing."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from calls.models import Application, Call, Criterion, Question, Reviewer, Round
from calls.services import applications as applying
from calls.services import review, selection, setup
from programs import services as program_services
from programs.models import Cohort, Program

SLUG_FORMAT = "open-call-{year}"
APPLICANTS = (
    # (Chinese name, Latin name, title zh, title en, logline zh, what happens to it)
    ("周晓", "Zhou Xiao", "雪线", "Snow Line", "一位护林员在雪山上等待失踪的哥哥。", "reviewed"),
    ("王楠", "Wang Nan", "夜班公交", "Night Bus", "末班车上，司机和乘客互换了秘密。", "reviewed"),
    ("陈默", "Chen Mo", "回声", "Echo", "聋哑女孩在旧剧场里寻找声音。", "in_review"),
    ("刘一", "Liu Yi", "盐田", "Salt Fields", "父亲的盐田要被征收的那个夏天。", "in_review"),
    ("何苗", "He Miao", "第二个春天", "Second Spring", "外婆决定在八十岁时离家出走。", "submitted"),
    ("孙越", "Sun Yue", "纸飞机", "Paper Planes", "两个留守儿童给城里的父母写信。", "ineligible"),
    ("赵晴", "Zhao Qing", "", "", "", "draft"),
    ("林远", "Lin Yuan", "远方", "Far Away", "一段没有寄出的信。", "withdrawn"),
)


def _pdf() -> SimpleUploadedFile:
    """A well-formed one-page PDF (its cross-reference table and all), as upload checks want."""
    bodies = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return SimpleUploadedFile("treatment.pdf", out.getvalue(), content_type="application/pdf")


def load_call_demo(*, program: Program, password: str, created: list, logins: list) -> Call:
    year = timezone.localdate().year + 1
    existing = Call.objects.filter(slug=SLUG_FORMAT.format(year=year)).first()
    with transaction.atomic():
        call = existing or _call(program, year, created)
        _people(call, password, created, logins)
    return call


def _cohort(program: Program, year: int, created: list) -> Cohort:
    cohort = Cohort.objects.filter(slug=f"bjiff-talents-{year}").first()
    if cohort is None:
        cohort = program_services.cohort_create(
            program=program,
            slug=f"bjiff-talents-{year}",
            year=year,
            edition_zh=f"{year}年 北京国际电影节短片创投训练营",
            edition_en=f"BJIFF TALENTS {year}",
            training_start=datetime.date(year, 3, 1),
            training_end=datetime.date(year, 9, 30),
            status=Cohort.Status.PLANNING,
        )
        created.append(f"cohort {cohort.slug}")
    return cohort


def _call(program: Program, year: int, created: list) -> Call:
    now = timezone.now()
    call = setup.call_create(
        cohort=_cohort(program, year, created),
        slug=SLUG_FORMAT.format(year=year),
        title_zh=f"{year}年 北京国际电影节短片创投训练营 招募",
        title_en=f"BJIFF TALENTS {year}: call for young directors",
        text_zh="面向青年华语导演征集短片项目。入选导演将在半年内，在监制和导师团的指导下，从剧本走到首映。",
        text_en=(
            "Young Chinese-language directors are invited to send a short-film project. The "
            "selected directors go from screenplay to premiere in half a year, with a producer "
            "and a coaching panel."
        ),
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=20),
        birth_year_min=year - 36,
        min_earlier_works=1,
        required_materials=["treatment", "statement"],
        accept_text_zh="恭喜！你的项目入选了本届训练营。",
        accept_text_en="Congratulations! Your project is selected for this edition.",
        waitlist_text_zh="你的项目进入了候补名单，如有名额我们会第一时间通知你。",
        waitlist_text_en=(
            "Your project is on the waiting list; we tell you at once if a place opens."
        ),
        decline_text_zh="感谢你的申请。很遗憾，本届未能入选。",
        decline_text_en=(
            "Thank you for applying. We are sorry: the project was not selected this time."
        ),
    )
    setup.question_create(
        call=call,
        kind=Question.Kind.LONG_TEXT,
        label_zh="为什么是这个故事，为什么是现在？",
        label_en="Why this story, and why now?",
        is_required=True,
        max_chars=500,
    )
    scoring = call.rounds.get(kind=Round.Kind.SCORING)
    for order, (zh, en, weight, guide_zh, guide_en) in enumerate(
        (
            (
                "故事",
                "Story",
                2,
                "故事是否清晰、有力、出人意料？",
                "Is the story clear, strong, surprising?",
            ),
            (
                "作者风格",
                "Voice",
                2,
                "导演是否有自己的视角？",
                "Does the director have a point of view?",
            ),
            (
                "可行性",
                "Feasibility",
                1,
                "能否在预算和周期内完成？",
                "Can it be made in the budget and time?",
            ),
        ),
        start=1,
    ):
        setup.criterion_create(
            round=scoring,
            order=order,
            name_zh=zh,
            name_en=en,
            weight=weight,
            guidance_zh=guide_zh,
            guidance_en=guide_en,
        )
    created.append(f"open call {call.slug}")
    return call


def _user(email: str, name: str, password: str, language: str = "zh-hans") -> User:
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(
        email, password, full_name=name, preferred_language=language
    )


def _people(call: Call, password: str, created: list, logins: list) -> None:
    if call.applications.exists():
        logins.append(("applicant", "applicant@talents.example", password))
        logins.append(("juror", "juror@talents.example", password))
        return
    question = call.questions.first()
    for n, (zh, latin, title_zh, title_en, logline, fate) in enumerate(APPLICANTS):
        email = "applicant@talents.example" if n == 0 else f"applicant{n}@talents.example"
        _application(
            call,
            question,
            _user(email, f"{zh} (fictional)", password),
            n,
            zh,
            latin,
            title_zh,
            title_en,
            logline,
            fate,
        )
    created.append(f"{len(APPLICANTS)} applications to {call.slug}")
    _reviews(call, password)
    created.append(f"reviewers and reviews of {call.slug}")
    logins.append(("applicant", "applicant@talents.example", password))
    logins.append(("juror", "juror@talents.example", password))


def _application(call, question, user, n, zh, latin, title_zh, title_en, logline, fate) -> None:
    application = applying.application_draft_save(
        call=call,
        applicant=user,
        name_original=zh,
        name_latin=latin,
        birth_year=1994 + n % 5,
        earlier_works=1 + n % 3,
        title_zh=title_zh,
        title_en=title_en,
        logline_zh=logline,
        residence="中国",
    )
    if fate == "draft":
        return
    applying.answers_save(
        application=application, values={question.pk: f"{logline}这是我一直想讲的故事。"}
    )
    for material in ("treatment", "statement"):
        applying.application_file_store(application=application, material=material, upload=_pdf())
    application = applying.application_submit(application=application)
    if fate == "withdrawn":
        applying.application_withdraw(application=application)
    elif fate == "ineligible":
        selection.application_set_eligibility(
            application=application, eligible=False, reason="出生年份不符合要求（演示）"
        )
    elif fate != "submitted":
        selection.application_set_eligibility(application=application, eligible=True)


def _reviews(call: Call, password: str) -> None:
    staff_made = [
        ("reviewer1@talents.example", "Panel Reviewer (fictional)", Reviewer.Kind.PANEL),
        ("reviewer2@talents.example", "Producer Reviewer (fictional)", Reviewer.Kind.PRODUCER),
        ("juror@talents.example", "Outside Juror (fictional)", Reviewer.Kind.OUTSIDE_JUROR),
    ]
    for email, name, kind in staff_made:
        review.reviewer_add(call=call, user=_user(email, name, password, "en"), kind=kind)
    scoring = call.rounds.get(kind=Round.Kind.SCORING)
    call.applications.filter(eligibility=Application.Eligibility.ELIGIBLE).update(round=scoring)
    review.assignment_auto(round=scoring, per_application=2)
    criteria = list(Criterion.objects.filter(round=scoring))
    for assignment in scoring.assignments.select_related("application", "reviewer"):
        title = assignment.application.title_en
        scores = {str(c.pk): 2 + (assignment.pk + c.pk) % 4 for c in criteria}
        if title in ("Snow Line", "Night Bus"):
            review.review_save(
                assignment=assignment,
                scores=scores,
                committee_comment="A clear, personal story.",
                submit=True,
            )
        elif assignment.reviewer.kind == Reviewer.Kind.PANEL:
            review.review_save(
                assignment=assignment,
                scores=dict(list(scores.items())[:1]),
                committee_comment="Draft notes.",
            )
