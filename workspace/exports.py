"""CSV downloads that open correctly in spreadsheet programs: UTF-8 with a byte-order mark (so
Excel reads Chinese text as UTF-8) and every cell that a spreadsheet would read as a formula
escaped with a leading apostrophe (CSV injection: a director's title "=HYPERLINK(…)" must stay
text)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from screenings.models import ScreeningFilm
from workspace.selectors import CohortDashboard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(*, filename: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def roster_rows(roster: dict) -> tuple[list[str], list[list]]:
    header = [
        _("Director (original)"),
        _("Director (Latin)"),
        _("Director email"),
        _("Enrolment"),
        _("Film (Chinese)"),
        _("Film (English)"),
        _("Producer"),
        _("Producer email"),
    ]
    films_by_director: dict[int, list] = {}
    for film in roster["films"]:
        films_by_director.setdefault(film.director_id, []).append(film)
    rows = []
    for enrollment in roster["enrollments"]:
        talent = enrollment.talent
        for film in films_by_director.get(talent.pk) or [None]:
            producer = film.producer if film else None
            rows.append(
                [
                    talent.name_original,
                    talent.name_latin,
                    _person_email(talent),
                    enrollment.get_status_display(),
                    film.title_zh if film else "",
                    film.title_en if film else "",
                    producer.display_name if producer else "",
                    _person_email(producer) if producer else "",
                ]
            )
    return header, rows


def matrix_rows(dashboard: CohortDashboard) -> tuple[list[str], list[list]]:
    header = [_("Film"), _("Director"), *(str(m) for m in dashboard.milestones), _("Approved")]
    rows = []
    for row in dashboard.rows:
        cells = [
            f"{cell.label} ({_('overdue')})" if cell.is_overdue else str(cell.label)
            for cell in row.cells
        ]
        share = f"{row.approved_count}/{len(row.cells)}"
        rows.append([str(row.film.title), row.film.director.display_name, *cells, share])
    return header, rows


def lineup_rows(entries: list[ScreeningFilm]) -> tuple[list[str], list[list]]:
    """One row per film in a screening. An online exhibition names its platform and link, and
    a film without a window of its own is available for the exhibition's whole window."""
    header = [
        _("Screening"),
        _("Kind"),
        _("Starts"),
        _("Ends"),
        _("Venue or platform"),
        _("Platform link"),
        _("Order"),
        _("Film (Chinese)"),
        _("Film (English)"),
        _("Director"),
        _("Available from"),
        _("Available until"),
    ]
    return header, [_lineup_row(entry) for entry in entries]


def _lineup_row(entry: ScreeningFilm) -> list:
    screening = entry.screening
    online = screening.is_online
    return [
        str(screening.title),
        screening.get_kind_display(),
        _local(screening.starts_at),
        _local(screening.ends_at),
        str(
            screening.platform_name if online else (screening.venue.name if screening.venue else "")
        ),
        screening.platform_url if online else "",
        entry.order,
        entry.film.title_zh,
        entry.film.title_en,
        entry.film.director.display_name,
        _local(entry.available_from or (screening.starts_at if online else None)),
        _local(entry.available_until or (screening.ends_at if online else None)),
    ]


def _person_email(person) -> str:
    """The address the program writes to: the login's, else the recorded contact."""
    return person.user.email if person.user_id else person.email


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def outcome_rows(outcomes: list) -> tuple[list[str], list[list]]:
    """The outcomes report (alumni.selectors.Outcomes), one row per edition; online views are
    blank where no entry gives them (unknown is not zero)."""
    header = [
        _("Edition"),
        _("Year"),
        _("Directors"),
        _("Alumni"),
        _("Films completed"),
        _("Premiered"),
        _("Shown online"),
        _("Festival selections"),
        _("Awards"),
        _("Releases"),
        _("Next projects"),
        _("Feature debuts"),
        _("Online views (where known)"),
    ]
    rows = [
        [
            str(row.cohort.edition),
            row.cohort.year,
            row.directors,
            row.alumni,
            row.films_completed,
            row.premiered,
            row.shown_online,
            row.selections,
            row.awards,
            row.releases,
            row.next_projects,
            row.feature_debuts,
            "" if row.online_views is None else row.online_views,
        ]
        for row in outcomes
    ]
    return header, rows
