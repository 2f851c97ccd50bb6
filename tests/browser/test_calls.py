"""The open call in a real browser: an applicant finds the call on the home page and applies in
Chinese (sign-up, the emailed confirmation, every step, a PDF through the progress-bar upload,
submit); a reviewer scores it in English with the rubric beside each score; staff accept it and
send the decision; the applicant lands in the cohort with a film project in the portal.
Screenshots of each step go to screenshots/calls-*.png."""

import re

import pytest
from django.core import mail

from calls.models import Application, Review
from talents.models import Enrollment
from tests.factories import UserFactory, pdf_bytes
from tests.factories.calls import CallFactory, QuestionFactory, ReviewerFactory, scoring_round
from tests.factories.portal import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser, live_server, locale: str):
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def sign_in(page, email: str, next_url: str, password: str = PASSWORD) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()


def test_apply_in_chinese_review_in_english_select_and_land_in_the_cohort(
    browser, live_server, screenshot, settings
):
    settings.SITE_URL = live_server.url
    call = CallFactory(
        title_zh="2027年 短片创投训练营 招募", title_en="BJIFF TALENTS 2027: open call"
    )
    question = QuestionFactory(
        call=call, label_zh="为什么是现在？", label_en="Why now?", max_chars=50
    )
    reviewer = ReviewerFactory(
        call=call,
        user=UserFactory(
            email="rae@example.org", full_name="Rae Reviewer", preferred_language="en"
        ),
    )
    UserFactory(
        email="staff@example.org", is_staff=True, is_superuser=True, preferred_language="en"
    )

    context, page = new_page(browser, live_server, "zh-CN")
    page.goto("/zh-hans/")
    screenshot(page, "calls-1-home-zh")
    page.get_by_role("link", name="查看征集并申请").click()
    page.wait_for_url(f"**/zh-hans/calls/{call.slug}/")
    screenshot(page, "calls-2-call-page-zh")
    page.get_by_role("link", name="申请：创建账号").click()
    page.locator("#id_full_name").fill("林一")
    page.locator("#id_email").fill("lin@example.org")
    page.locator("#id_password").fill("a-long-new-password-9")
    page.locator("#id_language").select_option("zh-hans")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("text=请查看你的邮箱")
    # The link is made when the email is sent (the outbox holds only a placeholder).
    body = [m for m in mail.outbox if m.to == ["lin@example.org"]][-1].body
    page.goto(re.search(r"https?://\S+/confirm/\S+/", body).group(0))
    page.wait_for_url(f"**/calls/{call.slug}/application/")
    screenshot(page, "calls-3-confirmed-zh")
    page.get_by_role("link", name="开始申请").click()
    page.locator("#id_name_original").fill("林一")
    page.locator("#id_birth_year").fill("1996")
    page.locator("#id_earlier_works").fill("2")
    page.locator("#id_title_zh").fill("回家")
    page.locator("#id_logline_zh").fill("一个女儿在春节回家的故事。")
    screenshot(page, "calls-4-details-zh")
    page.locator("form.call-form button[type=submit]").click()
    page.wait_for_url("**/application/answers/")
    page.locator(f"#id_q{question.pk}").fill("因为这是我家乡正在消失的春节。")
    screenshot(page, "calls-5-answers-zh")
    page.locator("form.call-form button[type=submit]").click()
    page.wait_for_url("**/application/files/")
    page.locator("#id_slot").select_option("treatment")
    page.locator("#id_file").set_input_files(
        {"name": "剧本.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(300_000)}
    )
    page.locator("form.call-form button[type=submit]").click()
    page.wait_for_selector("text=剧本.pdf")
    screenshot(page, "calls-6-files-zh")
    page.get_by_role("link", name="4. 检查并提交").click()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "calls-7-submitted-zh")
    context.close()

    application = Application.objects.get(applicant__email="lin@example.org")
    assert application.state == Application.State.SUBMITTED
    assert application.files.get().original_filename == "剧本.pdf"
    assignment = application.assignments.create(round=scoring_round(call), reviewer=reviewer)

    context, page = new_page(browser, live_server, "en-US")
    sign_in(page, "rae@example.org", "/review/")
    page.wait_for_url("**/review/")
    screenshot(page, "calls-8-review-list-en")
    page.get_by_role("link", name=re.compile("回家")).click()
    story, voice = scoring_round(call).criteria.all()
    page.locator(f"#id_c{story.pk}").fill("5")
    page.locator(f"#id_c{voice.pk}").fill("4")
    page.locator("#id_committee_comment").fill("A personal story, clearly told.")
    screenshot(page, "calls-9-review-form-en")
    page.get_by_role("button", name="Submit review").click()
    page.wait_for_selector(".alert-success")
    screenshot(page, "calls-10-reviewed-en")
    context.close()
    assert Review.objects.get(assignment=assignment).state == Review.State.SUBMITTED

    context, page = new_page(browser, live_server, "en-US")
    sign_in(page, "staff@example.org", f"/en/workspace/calls/{call.pk}/ranking/")
    page.wait_for_url("**/ranking/")
    screenshot(page, "calls-11-ranking-en")
    page.goto(f"/en/workspace/applications/{application.pk}/")
    page.locator("#id_decision").select_option("accepted")
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_selector(".alert-success")
    page.goto(f"/en/workspace/calls/{call.pk}/decisions/")
    screenshot(page, "calls-12-decisions-preview-en")
    page.get_by_role("button", name="Send 1 email").click()
    page.wait_for_selector(".alert-success")
    page.goto(f"/en/workspace/calls/{call.pk}/")
    screenshot(page, "calls-13-dashboard-en")
    context.close()

    enrollment = Enrollment.objects.get(cohort=call.cohort)
    assert enrollment.talent.user.email == "lin@example.org"
    context, page = new_page(browser, live_server, "zh-CN")
    sign_in(
        page, "lin@example.org", f"/zh-hans/calls/{call.slug}/application/", "a-long-new-password-9"
    )
    page.wait_for_selector("text=已录取")
    screenshot(page, "calls-14-accepted-zh")
    page.get_by_role("link", name="进入工作台").click()
    page.wait_for_selector("text=回家")
    screenshot(page, "calls-15-portal-zh")
    context.close()
