import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from films.models import MilestoneSubmission
from tests.factories import FilmFactory, MilestoneFactory, SubmissionFactory
from tests.factories.invitations import InvitationFactory
from tests.factories.portal import RevisionFactory
from tests.factories.workspace import training_cohort

pytestmark = pytest.mark.django_db


def dashboard_url(cohort) -> str:
    return reverse("workspace:cohort", kwargs={"slug": cohort.slug})


def test_dashboard_matrix_shows_each_cells_latest_status_with_a_label(staff_client):
    built = training_cohort(films=1, milestones=3)
    film, first = built.films[0], built.milestones[0]
    SubmissionFactory(film=film, milestone=first, version=2, status="submitted")

    response = staff_client.get(dashboard_url(built.cohort))

    row = response.context["dashboard"].rows[0]
    assert [cell.status for cell in row.cells] == ["submitted", "changes_requested", "not_started"]
    assert [str(cell.label) for cell in row.cells] == [
        "Submitted",
        "Changes requested",
        "Not started",
    ]
    html = response.content.decode()
    assert 'class="cell cell--not_started' in html
    assert ">Not started</span>" in html


def test_dashboard_marks_unapproved_past_due_cells_overdue(staff_client):
    built = training_cohort(films=2, milestones=2)
    late, approved = built.films
    past = built.milestones[0]
    SubmissionFactory(film=approved, milestone=past, version=9, status="approved")

    response = staff_client.get(dashboard_url(built.cohort))

    dashboard = response.context["dashboard"]
    overdue = {(cell.film.pk, cell.milestone.pk) for cell in dashboard.overdue}
    assert (late.pk, past.pk) in overdue
    assert (approved.pk, past.pk) not in overdue
    assert "cell--overdue" in response.content.decode()


def test_dashboard_progress_bar_is_the_share_of_approved_milestones(staff_client):
    built = training_cohort(films=1, milestones=4)
    film = built.films[0]
    for milestone in built.milestones[:3]:
        SubmissionFactory(film=film, milestone=milestone, version=5, status="approved")

    response = staff_client.get(dashboard_url(built.cohort))

    row = response.context["dashboard"].rows[0]
    assert (row.approved_count, row.approved_percent) == (3, 75)
    html = response.content.decode()
    assert '<rect class="progressbar__fill" width="75"' in html
    assert "style=" not in html


def test_dashboard_counts_each_columns_statuses(staff_client):
    built = training_cohort(films=4, milestones=3)

    response = staff_client.get(dashboard_url(built.cohort))

    dashboard = response.context["dashboard"]
    for index, column in enumerate(dashboard.columns):
        statuses = [row.cells[index].status for row in dashboard.rows]
        expected = {status: statuses.count(status) for status in column.counts}
        assert column.counts == expected
        assert sum(column.counts.values()) == 4


def test_dashboard_cell_links_to_its_submission_page(staff_client):
    built = training_cohort(films=1, milestones=1)
    submission = MilestoneSubmission.objects.get(film=built.films[0])

    response = staff_client.get(dashboard_url(built.cohort))
    page = staff_client.get(reverse("workspace:submission", args=[submission.pk]))

    assert reverse("workspace:submission", args=[submission.pk]) in response.content.decode()
    assert page.status_code == 200
    assert page.context["versions"] == [submission]


def test_dashboard_lists_what_needs_attention(staff_client):
    built = training_cohort(films=3, milestones=2)
    orphan = built.films[0]
    oldest = SubmissionFactory(
        film=built.films[1],
        milestone=MilestoneFactory(cohort=built.cohort, order=99, due_date=timezone.localdate()),
        submitted_at=timezone.now() - datetime.timedelta(days=30),
    )
    invitation = InvitationFactory(talent=orphan.director)
    accepted = InvitationFactory(talent=built.films[1].director, accepted_at=timezone.now())
    revision = RevisionFactory(film=built.films[2])

    response = staff_client.get(dashboard_url(built.cohort))

    dashboard = response.context["dashboard"]
    assert dashboard.waiting_for_review[0].submission == oldest
    assert orphan in dashboard.films_without_producer
    assert dashboard.pending_invitations == [invitation]
    assert accepted not in dashboard.pending_invitations
    assert dashboard.pending_revisions == [revision]
    assert len(dashboard.overdue) > 0


def test_dashboard_ignores_other_cohorts_films(staff_client):
    built = training_cohort(films=1, milestones=1)
    FilmFactory()

    response = staff_client.get(dashboard_url(built.cohort))

    assert [row.film for row in response.context["dashboard"].rows] == built.films


@pytest.mark.parametrize("films", [4, 40])
def test_dashboard_query_count_is_fixed_for_4_and_40_films(
    staff_client, django_assert_num_queries, films
):
    built = training_cohort(films=films, milestones=12)
    for film in built.films[:2]:
        InvitationFactory(talent=film.director)
        RevisionFactory(film=film)

    # session, user with their talent and mentor profiles (the bar's portal link: one query),
    # cohort, milestones, films, submissions, invitations, revisions
    with django_assert_num_queries(8):
        response = staff_client.get(dashboard_url(built.cohort))

    assert response.status_code == 200
    assert len(response.context["dashboard"].rows) == films


def test_timeline_draws_milestones_today_and_each_film(staff_client):
    built = training_cohort(films=2, milestones=5)

    response = staff_client.get(reverse("workspace:timeline", kwargs={"slug": built.cohort.slug}))

    timeline = response.context["timeline"]
    assert [m.order for m in timeline.milestones] == [1, 2, 3, 4, 5]
    assert timeline.today_x is not None
    assert timeline.plot_left < timeline.today_x < timeline.plot_right
    assert len(timeline.films) == 2
    html = response.content.decode()
    assert 'class="timeline__today"' in html
    assert html.count('class="timeline__film-dot"') == 2


def test_timeline_places_a_film_at_its_latest_approved_milestone(staff_client):
    built = training_cohort(films=1, milestones=3)
    film = built.films[0]
    SubmissionFactory(film=film, milestone=built.milestones[1], version=7, status="approved")

    response = staff_client.get(reverse("workspace:timeline", kwargs={"slug": built.cohort.slug}))

    timeline = response.context["timeline"]
    assert timeline.films[0].x == timeline.milestones[1].x


def test_timeline_lifts_crowded_milestones_onto_another_lane(staff_client):
    built = training_cohort(films=1, milestones=2)
    crowded = MilestoneFactory(cohort=built.cohort, order=3, due_date=built.milestones[1].due_date)

    response = staff_client.get(reverse("workspace:timeline", kwargs={"slug": built.cohort.slug}))

    markers = {m.order: m for m in response.context["timeline"].milestones}
    assert markers[3].x == markers[2].x
    assert markers[3].y < markers[2].y == markers[1].y
    assert crowded.order == 3


def test_submission_page_shows_staff_the_checksum_and_the_spec_check_per_line(staff_client):
    lines = [
        {"line": "video_codec", "expected": "h264, prores", "actual": "h264", "passed": True},
        {"line": "frame_rate", "expected": "24, 25", "actual": "30", "passed": False},
        {"line": "complete", "expected": "", "actual": "", "passed": True},
    ]
    submission = SubmissionFactory(
        milestone__deliverable_kind="video",
        file="deliverables/a.mp4",
        sha256="ab" * 32,
        check_status="failed",
        check_report={"facts": {}, "lines": lines},
    )

    page = staff_client.get(reverse("workspace:submission", args=[submission.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "ab" * 32 in html
    assert html.count("technical-check__pass") == 2
    assert html.count("technical-check__fail") == 1
    assert "Frame rate" in html
    assert "Does not meet the delivery spec" in html


def test_submission_page_says_which_part_differs_from_what_was_sent(staff_client):
    submission = SubmissionFactory(
        milestone__deliverable_kind="video",
        file="deliverables/b.mp4",
        sha256="cd" * 32,
        check_status="damaged",
        check_report={"facts": {}, "lines": [], "reason": "parts_differ", "parts": [2, 5]},
    )

    page = staff_client.get(reverse("workspace:submission", args=[submission.pk]))

    assert "The file in storage differs from what was sent (part 2, 5)" in page.content.decode()
