"""The geometry of the cohort's schedule picture: milestones on a date axis, today marked, each
film at its latest approved milestone. Computed here, drawn by a template as inline SVG (no
outside chart service; attributes, never style="", for the Content-Security-Policy)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from workspace.selectors import CohortDashboard

WIDTH = 1000
LABEL_WIDTH = 210
RIGHT_MARGIN = 30
AXIS_TOP = 104
ROW_HEIGHT = 24
LANE_HEIGHT = 22
# Milestone markers closer than this (in SVG units) go on a higher lane instead of overlapping.
MARKER_GAP = 22
MAX_LANES = 3


@dataclass
class TimelineMilestone:
    x: float
    y: float
    order: int
    name: str
    due_date: datetime.date
    gates: bool


@dataclass
class TimelineFilm:
    y: float
    title: str
    x: float
    milestone_label: str
    approved_percent: int


@dataclass
class TimelineMonth:
    x: float
    date: datetime.date


@dataclass
class Timeline:
    width: int
    height: int
    axis_y: float
    plot_left: float
    plot_right: float
    milestones: list[TimelineMilestone]
    films: list[TimelineFilm]
    months: list[TimelineMonth]
    today_x: float | None
    today: datetime.date


def timeline_build(dashboard: CohortDashboard) -> Timeline:
    cohort, today = dashboard.cohort, dashboard.today
    dates = [
        cohort.training_start,
        cohort.training_end,
        *(m.due_date for m in dashboard.milestones),
    ]
    if cohort.premiere_date:
        dates.append(cohort.premiere_date)
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)
    plot_right = WIDTH - RIGHT_MARGIN

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - start).days / span * (plot_right - LABEL_WIDTH), 1)

    films = [
        TimelineFilm(
            y=AXIS_TOP + 30 + index * ROW_HEIGHT,
            title=str(row.film.title),
            x=x_of(row.latest_approved.due_date) if row.latest_approved else LABEL_WIDTH,
            milestone_label=str(row.latest_approved) if row.latest_approved else "",
            approved_percent=row.approved_percent,
        )
        for index, row in enumerate(dashboard.rows)
    ]
    return Timeline(
        width=WIDTH,
        height=AXIS_TOP + 30 + max(len(films), 1) * ROW_HEIGHT + 10,
        axis_y=AXIS_TOP,
        plot_left=LABEL_WIDTH,
        plot_right=plot_right,
        milestones=_milestone_markers(dashboard, x_of),
        films=films,
        months=[TimelineMonth(x=x_of(day), date=day) for day in _month_starts(start, end)],
        today_x=x_of(today) if start <= today <= end else None,
        today=today,
    )


def _month_starts(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    day = start.replace(day=1)
    months = []
    while day <= end:
        if day >= start:
            months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def _milestone_markers(dashboard: CohortDashboard, x_of) -> list[TimelineMilestone]:
    """Each milestone on the lowest lane (the axis first) where it does not touch the marker
    before it: schedules bunch up towards the premiere."""
    lane_ends: list[float] = []
    markers = []
    for milestone in dashboard.milestones:
        x = x_of(milestone.due_date)
        lane = next((i for i, end in enumerate(lane_ends) if x - end >= MARKER_GAP), None)
        if lane is None and len(lane_ends) < MAX_LANES:
            lane_ends.append(x)
            lane = len(lane_ends) - 1
        elif lane is None:  # all lanes crowded: the one free the longest
            lane = min(range(MAX_LANES), key=lane_ends.__getitem__)
        lane_ends[lane] = x
        markers.append(
            TimelineMilestone(
                x=x,
                y=AXIS_TOP - lane * LANE_HEIGHT,
                order=milestone.order,
                name=str(milestone.name),
                due_date=milestone.due_date,
                gates=milestone.gates_publishing or milestone.gates_screening,
            )
        )
    return markers
