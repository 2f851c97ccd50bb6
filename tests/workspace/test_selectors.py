import datetime

import pytest
from django.utils import timezone

from films.models import FilmRevision, MilestoneSubmission
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    FilmFactory,
    InvitationFactory,
    MentorFactory,
    MilestoneFactory,
    PanelMembershipFactory,
    RevisionFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    SubmissionFactory,
    TalentFactory,
    UserFactory,
)
from workspace.models import AuditEntry
from workspace.selectors import (
    cohort_dashboard,
    cohort_lineup,
    cohort_roster,
    cohorts_for_workspace,
    film_history,
    latest_submissions,
    mentors_for_workspace,
    object_history,
    pending_invitations,
    pending_revisions,
    screening_lineup,
    submission_versions,
    talents_for_workspace,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2031, 6, 1)


def dashboard_cohort():
    cohort = CohortFactory(year=2031)
    past = MilestoneFactory(cohort=cohort, order=1, due_date=datetime.date(2031, 5, 1))
    later = MilestoneFactory(cohort=cohort, order=2, due_date=datetime.date(2031, 7, 1))
    approved = FilmFactory(cohort=cohort, title_en="A")
    late = FilmFactory(cohort=cohort, title_en="B", producer=MentorFactory())
    SubmissionFactory(film=approved, milestone=past, status=MilestoneSubmission.Status.APPROVED)
    SubmissionFactory(film=approved, milestone=later, status=MilestoneSubmission.Status.SUBMITTED)
    return cohort, (past, later), (approved, late)


def test_cohort_dashboard_has_a_cell_per_film_and_milestone_with_its_status():
    cohort, _milestones, _films = dashboard_cohort()

    dashboard = cohort_dashboard(cohort=cohort, today=TODAY)

    assert [[cell.status for cell in row.cells] for row in dashboard.rows] == [
        ["approved", "submitted"],
        ["not_started", "not_started"],
    ]
    assert [row.approved_percent for row in dashboard.rows] == [50, 0]


def test_cohort_dashboard_marks_past_due_unapproved_cells_overdue_and_counts_columns():
    cohort, (past, _later), (approved, late) = dashboard_cohort()

    dashboard = cohort_dashboard(cohort=cohort, today=TODAY)

    assert [(c.film, c.milestone) for c in dashboard.overdue] == [(late, past)]
    assert dashboard.columns[0].counts == {
        "not_started": 1,
        "submitted": 0,
        "changes_requested": 0,
        "approved": 1,
    }
    assert (dashboard.columns[0].overdue, dashboard.columns[1].overdue) == (1, 0)
    assert [c.film for c in dashboard.waiting_for_review] == [approved]
    assert dashboard.films_without_producer == [approved]
    assert dashboard.rows[0].latest_approved == past


def test_cohort_dashboard_lists_open_invitations_and_pending_revisions_of_the_cohort():
    cohort, _milestones, (approved, _late) = dashboard_cohort()
    invitation = InvitationFactory(talent=approved.director)
    InvitationFactory(talent=approved.director, accepted_at=timezone.now())
    InvitationFactory(talent=FilmFactory().director)
    revision = RevisionFactory(film=approved, proposed_by=UserFactory())

    dashboard = cohort_dashboard(cohort=cohort, today=TODAY)

    assert (dashboard.pending_invitations, dashboard.pending_revisions) == (
        [invitation],
        [revision],
    )


def test_latest_submissions_keeps_each_pairs_newest_version():
    first = SubmissionFactory(version=1)
    newest = SubmissionFactory(film=first.film, milestone=first.milestone, version=2)

    latest = latest_submissions(films=[first.film])

    assert latest == {(first.film_id, first.milestone_id): newest}


def test_pending_invitations_reach_directors_producers_and_panel_once_each():
    cohort = CohortFactory()
    film = FilmFactory(cohort=cohort, producer=MentorFactory())
    seat = PanelMembershipFactory(cohort=cohort)
    director = InvitationFactory(talent=film.director)
    producer = InvitationFactory(talent=None, mentor=film.producer)
    panel = InvitationFactory(talent=None, mentor=seat.mentor)
    InvitationFactory(talent=TalentFactory())

    assert list(pending_invitations(cohort=cohort)) == [director, producer, panel]


def test_cohorts_for_workspace_newest_year_first():
    old, new = CohortFactory(year=2020), CohortFactory(year=2030)

    assert list(cohorts_for_workspace()) == [new, old]


def test_cohort_roster_lists_enrolments_films_and_panel():
    cohort = CohortFactory()
    film = FilmFactory(cohort=cohort)
    seat = PanelMembershipFactory(cohort=cohort)
    FilmFactory()

    roster = cohort_roster(cohort=cohort)

    assert [e.talent for e in roster["enrollments"]] == [film.director]
    assert (roster["films"], roster["panel"]) == ([film], [seat])


def test_submission_versions_are_the_milestones_versions_newest_first():
    first = SubmissionFactory(version=1)
    second = SubmissionFactory(film=first.film, milestone=first.milestone, version=2)
    SubmissionFactory(film=first.film, version=1)

    assert submission_versions(submission=first) == [second, first]


def test_film_history_and_object_history_read_only_their_records():
    film = FilmFactory()
    cohort = film.cohort

    film_entries = film_history(film=film)
    cohort_entries = object_history(instance=cohort)

    assert film_entries and {e.film_pk for e in film_entries} == {film.pk}
    assert cohort_entries and {e.object_pk for e in cohort_entries} == {str(cohort.pk)}
    assert {e.model_label for e in cohort_entries} == {"programs.Cohort"}


def test_film_history_keeps_to_the_limit_newest_first():
    film = FilmFactory()
    AuditEntry.objects.all().delete()
    for n in range(3):
        AuditEntry.objects.create(
            door="system",
            action="changed",
            model_label="films.Film",
            object_pk=str(film.pk),
            object_repr=str(n),
            film_pk=film.pk,
        )

    assert [e.object_repr for e in film_history(film=film, limit=2)] == ["2", "1"]


def test_screening_lineup_in_order_and_cohort_lineup_by_start_then_order():
    early = ScreeningFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    late = ScreeningFactory(
        cohort=early.cohort, starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    second = ScreeningFilmFactory(screening=early, order=2)
    first = ScreeningFilmFactory(screening=early, order=1)
    later = ScreeningFilmFactory(screening=late, order=1)

    assert screening_lineup(screening=early) == [first, second]
    assert cohort_lineup(cohort=early.cohort) == [first, second, later]


def test_talents_for_workspace_match_a_query_and_carry_the_open_invitation():
    invited = TalentFactory(name_latin="Li Na", email="li@example.org")
    invitation = InvitationFactory(talent=invited)
    TalentFactory(name_latin="Wang")
    EnrollmentFactory(talent=invited)

    found = list(talents_for_workspace(query="li@"))

    assert found == [invited]
    assert found[0].invited_at == invitation.created_at
    assert len(found[0].enrollments.all()) == 1


def test_mentors_for_workspace_match_a_query_by_either_script():
    wanted = MentorFactory(name_original="张艺", name_latin="Zhang Yi")
    MentorFactory(name_original="王", name_latin="Wang")

    assert list(mentors_for_workspace(query="张")) == [wanted]
    assert list(mentors_for_workspace(query="zhang")) == [wanted]
    assert mentors_for_workspace()[0].invited_at is None


def test_pending_revisions_are_every_undecided_revision_oldest_first():
    first = RevisionFactory(proposed_by=UserFactory())
    RevisionFactory(proposed_by=UserFactory(), status=FilmRevision.Status.APPROVED)
    second = RevisionFactory(proposed_by=UserFactory())

    assert list(pending_revisions()) == [first, second]
