import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse

from tests.factories import (
    EnrollmentFactory,
    FilmFactory,
    MentorFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    TalentFactory,
)
from tests.factories.workspace import training_cohort
from workspace.exports import csv_response, spreadsheet_safe

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+86 10 1234", "'+86 10 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("笼中鸟", "笼中鸟"),
        (None, ""),
    ],
)
def test_spreadsheet_safe_escapes_formula_starts(value, expected):
    assert spreadsheet_safe(value) == expected


def test_roster_csv_lists_directors_films_producers_and_emails(staff_client):
    film = FilmFactory(
        title_zh="笼中鸟",
        title_en='=HYPERLINK("http://evil")',
        producer=MentorFactory(name_original="杨城", name_latin="Yang Cheng", email="y@x.org"),
        director=TalentFactory(name_original="陈林鹏", name_latin="Chen Linpeng", email="c@x.org"),
    )
    EnrollmentFactory(cohort=film.cohort, talent=TalentFactory(name_latin="No Film Yet"))

    response = staff_client.get(reverse("workspace:export_roster", args=[film.cohort.slug]))

    rows = read_csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert rows[1] == [
        "陈林鹏",
        "Chen Linpeng",
        "c@x.org",
        "Active",
        "笼中鸟",
        '\'=HYPERLINK("http://evil")',
        "杨城 Yang Cheng",
        "y@x.org",
    ]
    assert rows[2][1] == "No Film Yet"
    assert rows[2][4:] == ["", "", "", ""]


def test_matrix_csv_has_a_row_per_film_and_a_column_per_milestone(staff_client):
    built = training_cohort(films=2, milestones=3)

    response = staff_client.get(reverse("workspace:export_matrix", args=[built.cohort.slug]))

    rows = read_csv(response)
    assert len(rows) == 3
    assert len(rows[0]) == 2 + 3 + 1
    first = next(row for row in rows[1:] if row[0] == str(built.films[0].title))
    assert first[2:] == [
        "Submitted (overdue)",
        "Changes requested (overdue)",
        "Not started (overdue)",
        "0/3",
    ]


def test_lineup_csv_lists_each_screenings_films_in_order(staff_client):
    screening = ScreeningFactory(title_en="Premiere")
    second = ScreeningFilmFactory(screening=screening, order=2, film__cohort=screening.cohort)
    first = ScreeningFilmFactory(screening=screening, order=1, film__cohort=screening.cohort)

    response = staff_client.get(reverse("workspace:export_lineup", args=[screening.cohort.slug]))

    rows = read_csv(response)
    assert [row[8] for row in rows[1:]] == [first.film.title_en, second.film.title_en]
    assert rows[1][0] == "Premiere"


def test_lineup_csv_gives_an_online_exhibitions_platform_and_window(staff_client):
    starts = datetime.datetime(2026, 9, 1, 0, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    screening = ScreeningFactory(
        kind="online",
        venue=None,
        platform_name_en="iQIYI",
        platform_url="https://www.iqiyi.example/talents",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=30),
    )
    ScreeningFilmFactory(screening=screening, film__cohort=screening.cohort)

    response = staff_client.get(reverse("workspace:export_lineup", args=[screening.cohort.slug]))

    header, row = read_csv(response)
    by_column = dict(zip(header, row, strict=True))
    assert by_column["Venue or platform"] == "iQIYI"
    assert by_column["Platform link"] == "https://www.iqiyi.example/talents"
    assert (by_column["Starts"], by_column["Ends"]) == ("2026-09-01 00:30", "2026-10-01 00:30")
    assert (by_column["Available from"], by_column["Available until"]) == (
        "2026-09-01 00:30",
        "2026-10-01 00:30",
    )


def test_csv_header_row_is_escaped_like_the_rows():
    # Headers today are fixed words and "1. <milestone>", but a header is text like any other:
    # a translation or a column named by staff must not reach a spreadsheet as a formula.
    response = csv_response(filename="x.csv", header=["=1+1", "Film"], rows=[["@SUM(A1)", "x"]])

    assert read_csv(response) == [["'=1+1", "Film"], ["'@SUM(A1)", "x"]]
