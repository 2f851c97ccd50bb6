import csv
import io

import pytest
from django.urls import reverse

from alumni.models import AlumniEntry, EntryKind
from tests.factories import CohortFactory, FilmFactory
from tests.factories.alumni import AlumniEntryFactory, graduate

pytestmark = pytest.mark.django_db


@pytest.fixture
def film():
    film = FilmFactory(title_en="The Tiger Within")
    graduate(film)
    return film


def entry_post(film, **fields) -> dict:
    return {
        "talent": film.director_id,
        "film": film.pk,
        "kind": EntryKind.AWARD,
        "year": "2024",
        "festival_en": "Pingyao",
        "award_en": "Best Short",
        **fields,
    }


def test_staff_record_an_entry_for_a_graduate(staff_client, staff, film):
    url = reverse("workspace:alumni_entry_create", kwargs={"slug": film.cohort.slug})

    response = staff_client.post(url, entry_post(film, publish="on"))

    assert response.status_code == 302
    entry = AlumniEntry.objects.get()
    assert (entry.status, entry.decided_by, entry.is_public) == ("approved", staff, True)


def test_only_the_editions_graduates_can_be_chosen(staff_client, film):
    still_training = FilmFactory(cohort=film.cohort)
    url = reverse("workspace:alumni_entry_create", kwargs={"slug": film.cohort.slug})

    response = staff_client.post(url, entry_post(still_training, talent=still_training.director_id))

    assert response.status_code == 400
    assert AlumniEntry.objects.count() == 0


def test_an_award_without_its_name_is_refused(staff_client, film):
    url = reverse("workspace:alumni_entry_create", kwargs={"slug": film.cohort.slug})

    response = staff_client.post(url, entry_post(film, award_en=""))

    assert response.status_code == 400
    assert "Name the award in at least one language." in response.text
    assert AlumniEntry.objects.count() == 0


def test_staff_approve_a_proposal_from_the_editions_list(staff_client, film):
    entry = AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)
    url = reverse("workspace:alumni_entry_decide", kwargs={"entry_id": entry.pk})

    response = staff_client.post(url, {"decision": "approve"}, follow=True)

    entry.refresh_from_db()
    assert entry.status == AlumniEntry.Status.APPROVED
    assert "The decision was saved." in response.text


def test_deciding_twice_says_so_and_changes_nothing(staff_client, film):
    entry = AlumniEntryFactory(film=film, status=AlumniEntry.Status.DECLINED)
    url = reverse("workspace:alumni_entry_decide", kwargs={"entry_id": entry.pk})

    response = staff_client.post(url, {"decision": "approve"}, follow=True)

    entry.refresh_from_db()
    assert entry.status == AlumniEntry.Status.DECLINED
    assert "This entry was decided already." in response.text


def test_staff_correct_an_entry(staff_client, film):
    entry = AlumniEntryFactory(film=film)
    url = reverse("workspace:alumni_entry_edit", kwargs={"entry_id": entry.pk})
    data = entry_post(film, kind=EntryKind.SELECTION, festival_en="FIRST", award_en="")

    response = staff_client.post(url, data)

    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.kind, entry.festival_en) == ("selection", "FIRST")


@pytest.mark.parametrize("size", [1, 3])
def test_the_editions_entries_run_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, size
):
    cohort = CohortFactory()
    for _ in range(size):
        film = FilmFactory(cohort=cohort)
        graduate(film)
        AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)
    url = reverse("workspace:cohort_alumni", kwargs={"slug": cohort.slug})
    staff_client.get(url)

    # session, user with the nav's director and mentor profiles, cohort, entries
    with django_assert_num_queries(4):
        response = staff_client.get(url)

    assert response.text.count('value="approve"') == size


def test_outcomes_csv_counts_each_edition_and_escapes_formulas(staff_client, film):
    film.cohort.edition_en = '=HYPERLINK("http://evil")'
    film.cohort.save()
    AlumniEntryFactory(film=film, kind=EntryKind.AWARD, award_en="Best Short")
    AlumniEntryFactory(film=film, kind=EntryKind.DISTRIBUTION, online_views=1200)

    response = staff_client.get(reverse("workspace:outcomes_csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert header[0] == "Edition"
    record = dict(zip(header, row, strict=True))
    assert record["Edition"] == '\'=HYPERLINK("http://evil")'
    assert (record["Awards"], record["Releases"], record["Festival selections"]) == ("1", "1", "0")
    assert record["Online views (where known)"] == "1200"
    assert response["Content-Disposition"] == 'attachment; filename="outcomes.csv"'


def test_outcomes_page_draws_a_bar_per_measure_and_edition(staff_client, film):
    AlumniEntryFactory(film=film)

    response = staff_client.get(reverse("workspace:outcomes"))

    assert response.text.count('class="outcome-chart__bar"') == 7
    assert "Festival selections" in response.text


@pytest.mark.parametrize("size", [1, 3])
def test_outcomes_page_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, size
):
    for _ in range(size):
        film = FilmFactory()
        graduate(film)
        AlumniEntryFactory(film=film, status=AlumniEntry.Status.PROPOSED)
    staff_client.get(reverse("workspace:outcomes"))

    # session, user with the nav's director and mentor profiles, six for the report, the
    # entries waiting
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("workspace:outcomes"))

    assert len(response.context["rows"]) == size
