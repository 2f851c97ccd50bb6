"""Review: reviewers and their conflicts of interest, fair automatic assignment, pinning and
swapping by hand, reassignment when a reviewer drops out, and the reviews themselves."""

from __future__ import annotations

import random
from collections import defaultdict, deque

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from calls.models import Application, Assignment, Call, Conflict, Criterion, Review, Reviewer, Round
from calls.selectors import conflicts_about
from core.public_cache import working_data_changed
from core.services import validated_save
from outbox.services import message_enqueue


@transaction.atomic
def reviewer_add(
    *,
    call: Call,
    user: User,
    kind: str,
    languages: list[str] | None = None,
    expertise: list[str] | None = None,
) -> Reviewer:
    """Add a reviewer to the call (again active if they had dropped out); the languages and
    expertise given replace theirs."""
    reviewer, _created = Reviewer.objects.get_or_create(
        call=call, user=user, defaults={"kind": kind}
    )
    fields = {"is_active": True}
    if languages is not None:
        fields["languages"] = sorted(set(languages))
    if expertise is not None:
        fields["expertise"] = sorted(set(expertise))
    User.objects.filter(pk=user.pk).update(reviews_calls=True)
    working_data_changed()  # an update sends no signal; the portal's menu shows the reviews
    user.reviews_calls = True
    return validated_save(reviewer, **fields)


@transaction.atomic
def reviewer_profile_save(
    *, reviewer: Reviewer, languages: list[str], expertise: list[str]
) -> Reviewer:
    """The reviewer's own languages and expertise for this call, which weighted automatic
    assignment reads; assignments already made stay as they are (staff reassign if needed)."""
    return validated_save(
        reviewer, languages=sorted(set(languages)), expertise=sorted(set(expertise))
    )


@transaction.atomic
def outside_juror_invite(*, call: Call, email: str, full_name: str, language: str) -> Reviewer:
    """An outside juror for this call only: an account with no other role, and an email with a
    link to choose a password (made at sending: single use, expires, voided by the next)."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email, None, full_name=full_name, preferred_language=language
        )
    reviewer = reviewer_add(call=call, user=user, kind=Reviewer.Kind.OUTSIDE_JUROR)
    # The password link is made when the email is sent (accounts.links.account_setup_link):
    # the outbox never holds a key to the juror's account.
    message_enqueue(
        recipient=user.email,
        language=user.preferred_language,
        template="calls_juror_invitation",
        context={
            "name": user.full_name,
            "call_title_zh": call.title_zh,
            "call_title_en": call.title_en,
        },
        cause=f"reviewer:{reviewer.pk}",
        secret_link="account_setup",  # noqa: S106 (a kind of link, not a password)
    )
    return reviewer


def conflicted_pairs(call: Call) -> set[tuple[int, int]]:
    """(reviewer id, application id) for every conflict in the call, person conflicts spread
    over every application of that person."""
    pairs = set()
    conflicts = Conflict.objects.filter(reviewer__call=call).values_list(
        "reviewer_id", "application_id", "person_id", "email"
    )
    by_person, by_email = defaultdict(list), defaultdict(list)
    for reviewer_id, application_id, person_id, email in conflicts:
        if application_id:
            pairs.add((reviewer_id, application_id))
        elif person_id:
            by_person[person_id].append(reviewer_id)
        else:
            by_email[email].append(reviewer_id)
    if by_person or by_email:
        applications = (
            Application.objects.filter(call=call)
            .annotate(email=Lower("applicant__email"))
            .filter(Q(applicant_id__in=by_person) | Q(email__in=by_email))
            .values_list("pk", "applicant_id", "email")
        )
        for app_id, applicant_id, email in applications:
            reviewers = by_person.get(applicant_id, []) + by_email.get(email, [])
            pairs.update((reviewer_id, app_id) for reviewer_id in reviewers)
    return pairs


def reviewer_is_conflicted(*, reviewer: Reviewer, application: Application) -> bool:
    return Conflict.objects.filter(conflicts_about(application), reviewer=reviewer).exists()


@transaction.atomic
def conflict_declare(
    *,
    reviewer: Reviewer,
    application: Application | None = None,
    person: User | None = None,
    email: str = "",
    reason: str = "",
    by_staff: bool = False,
) -> Conflict:
    """Record a conflict with an application, a person, or a person's email address (what a
    reviewer knows of someone they have not been assigned); the reviewer's unsubmitted
    assignments it touches are given to others, and automatic assignment avoids it from now."""
    email = email.strip().lower()
    if application is not None and application.call_id != reviewer.call_id:
        raise ValidationError(_("This application is not in the reviewer's call."))
    if email and reviewer.conflicts.filter(email=email).exists():
        raise ValidationError(_("You have already declared a conflict with this person."))
    conflict = validated_save(
        Conflict(reviewer=reviewer),
        application=application,
        person=person,
        email=email,
        reason=reason,
        declared_by_staff=by_staff,
    )
    if application is not None:
        covered = Q(application=application)
    elif person is not None:
        covered = Q(application__applicant=person)
    else:
        covered = Q(application__applicant__email__iexact=email)
    touched = Assignment.objects.filter(reviewer=reviewer).filter(covered)
    for assignment in touched.select_related("round"):
        _replace(assignment)
    return conflict


def _replace(assignment: Assignment) -> None:
    """Drop an assignment whose review was not submitted and give the application to another
    reviewer of the round."""
    if Review.objects.filter(assignment=assignment, state=Review.State.SUBMITTED).exists():
        return
    round_, application = assignment.round, assignment.application_id
    assignment.delete()
    assignment_auto(round=round_, application_ids=[application])


def _eligible_applications(round_: Round, application_ids=None):
    applications = Application.objects.filter(
        round=round_, state=Application.State.SUBMITTED
    ).exclude(eligibility=Application.Eligibility.INELIGIBLE)
    if application_ids is not None:
        applications = applications.filter(pk__in=application_ids)
    return list(applications.values_list("pk", flat=True))


def _affinity(applications, reviewers, *, by_language: bool, by_expertise: bool):
    """How well each reviewer suits each application: one point for a language they share,
    one for the application's genre among the reviewer's expertise. A function of the pair,
    computed from two small reads (the sets are compared in memory: 5,000 × 40 in a blink)."""
    if not (by_language or by_expertise):
        return None
    seats = Reviewer.objects.filter(pk__in=reviewers).values_list("pk", "languages", "expertise")
    speaks = {pk: set(languages or []) for pk, languages, _e in seats}
    knows = {pk: set(expertise or []) for pk, _l, expertise in seats}
    projects = Application.objects.filter(pk__in=applications).values_list(
        "pk", "languages", "genre"
    )
    wanted = {pk: (set(languages or []), genre) for pk, languages, genre in projects}

    def affinity(reviewer: int, application: int) -> int:
        languages, genre = wanted[application]
        points = 0
        if by_language and languages & speaks[reviewer]:
            points += 1
        if by_expertise and genre and genre in knows[reviewer]:
            points += 1
        return points

    return affinity


@transaction.atomic
def assignment_auto(
    *,
    round: Round,
    per_application: int | None = None,
    application_ids=None,
    seed: int = 0,
    by_language: bool = False,
    by_expertise: bool = False,
) -> int:
    """Give every application in the round `per_application` reviewers (the call's number by
    default): conflicts respected, no reviewer twice, each active reviewer's load in the round
    within one of every other's. Optionally weighted: among reviewers whose load allows it,
    those who share the project's language (by_language) or know its genre (by_expertise) come
    first; fairness is never traded for it. Existing assignments (pinned or not) count and
    stay. Returns the number of assignments made."""
    call = round.call
    wanted = per_application or call.reviewers_per_application
    reviewers = list(call.reviewers.filter(is_active=True).values_list("pk", flat=True))
    applications = _eligible_applications(round, application_ids)
    if not reviewers or not applications:
        return 0
    affinity = _affinity(
        applications, reviewers, by_language=by_language, by_expertise=by_expertise
    )
    conflicts = conflicted_pairs(call)
    existing = defaultdict(set)
    load = dict.fromkeys(reviewers, 0)
    for application_id, reviewer_id in Assignment.objects.filter(round=round).values_list(
        "application_id", "reviewer_id"
    ):
        existing[application_id].add(reviewer_id)
        if reviewer_id in load:
            load[reviewer_id] += 1
    new = _greedy(applications, reviewers, wanted, conflicts, existing, load, seed, affinity)
    _balance(new, existing, conflicts, load, affinity)
    Assignment.objects.bulk_create(
        [Assignment(round=round, application_id=a, reviewer_id=r) for a, r in new]
    )
    return len(new)


def _greedy(applications, reviewers, wanted, conflicts, existing, load, seed, affinity=None):
    """Most constrained application first, each to the least-loaded reviewers it may have
    (ties broken at random, reproducibly). Weighted, a reviewer's load counts as lower by one
    per point of affinity (so a suited reviewer may take one more than an idle unsuited one;
    _balance brings every load back within one)."""
    # Fairness, not secrecy: a seeded generator makes a run reproducible.
    rng = random.Random(seed)  # noqa: S311
    tiebreak = {r: rng.random() for r in reviewers}
    conflicts_of = defaultdict(int)
    for _reviewer, conflicted in conflicts:
        conflicts_of[conflicted] += 1
    order = sorted(applications, key=lambda a: (-conflicts_of[a], rng.random()))
    new = []
    for application in order:
        have = existing[application]
        need = wanted - len(have & load.keys())
        if need <= 0:
            continue
        free = [r for r in reviewers if r not in have and (r, application) not in conflicts]
        if affinity is None:
            free.sort(key=lambda r: (load[r], tiebreak[r]))
        else:
            free.sort(key=lambda r: (load[r] - affinity(r, application), tiebreak[r]))
        for reviewer in free[:need]:
            have.add(reviewer)
            load[reviewer] += 1
            new.append((application, reviewer))
    return new


def _balance(new, existing, conflicts, load, affinity=None) -> None:
    """Move new assignments from the busiest reviewers towards idler ones until loads are within
    one (where conflicts allow). A move may run along a chain: when the idlest reviewer may take
    none of the busiest one's applications (conflicted, or already has them), the busiest gives
    one to a third reviewer who gives one of theirs to the idlest, and so on (a shortest path,
    found breadth first). Weighted, each step moves the application that loses least affinity."""
    by_reviewer = defaultdict(list)
    for index, (_application, reviewer) in enumerate(new):
        by_reviewer[reviewer].append(index)
    for _step in range(len(new) + 1):
        chain = _balancing_chain(new, existing, conflicts, load, by_reviewer, affinity)
        if chain is None:
            return
        for index, giver, taker in chain:
            application = new[index][0]
            by_reviewer[giver].remove(index)
            by_reviewer[taker].append(index)
            existing[application].discard(giver)
            existing[application].add(taker)
            new[index] = (application, taker)
        load[chain[0][1]] -= 1
        load[chain[-1][2]] += 1


def _movable(index_list, new, existing, conflicts, giver, taker, affinity):
    """Which of the giver's new assignments the taker may have (None if none)."""
    candidates = [
        i
        for i in index_list
        if taker not in existing[new[i][0]] and (taker, new[i][0]) not in conflicts
    ]
    if not candidates:
        return None
    if affinity is None:
        return candidates[0]
    return max(
        candidates[:50], key=lambda i: affinity(taker, new[i][0]) - affinity(giver, new[i][0])
    )


def _balancing_chain(new, existing, conflicts, load, by_reviewer, affinity):
    """[(assignment index, from, to), …] from a busiest reviewer to one at least two less
    busy, or None when loads are within one or nothing can move."""
    high, low = max(load.values()), min(load.values())
    if high - low <= 1:
        return None
    by_load = sorted(load, key=load.get)
    for source in (r for r in reversed(by_load) if load[r] == high):
        came_from = {source: None}
        queue = deque([source])
        while queue:
            giver = queue.popleft()
            for taker in by_load:
                if taker in came_from:
                    continue
                index = _movable(
                    by_reviewer[giver], new, existing, conflicts, giver, taker, affinity
                )
                if index is None:
                    continue
                came_from[taker] = (giver, index)
                if load[taker] <= high - 2:
                    return _chain_to(taker, came_from)
                queue.append(taker)
    return None


def _chain_to(taker, came_from) -> list[tuple[int, int, int]]:
    chain = []
    while came_from[taker] is not None:
        giver, index = came_from[taker]
        chain.append((index, giver, taker))
        taker = giver
    return chain[::-1]


@transaction.atomic
def assignment_pin(*, round: Round, application: Application, reviewer: Reviewer) -> Assignment:
    """Staff give this application to this reviewer by hand; automatic assignment keeps it."""
    if reviewer.call_id != round.call_id or application.call_id != round.call_id:
        raise ValidationError(_("The reviewer and the application must belong to this call."))
    if reviewer_is_conflicted(reviewer=reviewer, application=application):
        raise ValidationError(_("This reviewer has a conflict of interest with this application."))
    assignment, _created = Assignment.objects.get_or_create(
        round=round, application=application, reviewer=reviewer
    )
    return validated_save(assignment, is_pinned=True)


@transaction.atomic
def assignment_swap(*, assignment: Assignment, reviewer: Reviewer) -> Assignment:
    """Give an assignment to another reviewer; a started review stays with its author."""
    if Review.objects.filter(assignment=assignment).exclude(scores={}).exists():
        raise ValidationError(_("This review has been started: it cannot be moved."))
    if Assignment.objects.filter(
        round=assignment.round_id, application=assignment.application_id, reviewer=reviewer
    ).exists():
        raise ValidationError(_("This reviewer already has this application."))
    if reviewer_is_conflicted(reviewer=reviewer, application=assignment.application):
        raise ValidationError(_("This reviewer has a conflict of interest with this application."))
    if reviewer.call_id != assignment.reviewer.call_id:
        raise ValidationError(_("The reviewer must belong to this call."))
    Review.objects.filter(assignment=assignment).delete()
    return validated_save(assignment, reviewer=reviewer, is_pinned=True)


@transaction.atomic
def reviewer_drop(*, reviewer: Reviewer) -> int:
    """A reviewer drops out: inactive from now on, their reviews not yet submitted go to the
    others. Returns how many applications were reassigned."""
    validated_save(reviewer, is_active=False)
    User.objects.filter(pk=reviewer.user_id).update(
        reviews_calls=Reviewer.objects.filter(user=reviewer.user_id, is_active=True).exists()
    )
    working_data_changed()
    open_assignments = reviewer.assignments.exclude(review__state=Review.State.SUBMITTED)
    by_round = defaultdict(list)
    for round_id, application_id in open_assignments.values_list("round_id", "application_id"):
        by_round[round_id].append(application_id)
    open_assignments.delete()
    for round_ in Round.objects.filter(pk__in=by_round):
        assignment_auto(round=round_, application_ids=by_round[round_.pk])
    return sum(len(ids) for ids in by_round.values())


def review_total(criteria: list[Criterion], scores: dict[str, int]) -> float:
    """The weighted average on 0–100: each score placed on its own scale (1 → 0, max → 100)."""
    weights = sum(c.weight for c in criteria)
    total = sum(c.weight * (scores[str(c.pk)] - 1) / (c.scale_max - 1) for c in criteria)
    return round(100 * total / weights, 2)


def _checked_scores(criteria: list[Criterion], scores: dict, *, complete: bool) -> dict[str, int]:
    checked, errors = {}, {}
    known = {str(c.pk): c for c in criteria}
    for key, value in scores.items():
        criterion = known.get(str(key))
        if criterion is None:
            raise ValidationError(_("A score for a criterion this round does not have."))
        if value in (None, ""):
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= criterion.scale_max:
            errors[f"c{criterion.pk}"] = _("Score from 1 to %(max)d.") % {
                "max": criterion.scale_max
            }
        checked[str(criterion.pk)] = number
    if complete:
        for criterion in criteria:
            if str(criterion.pk) not in checked:
                errors.setdefault(f"c{criterion.pk}", _("Give a score."))
    if errors:
        raise ValidationError(errors)
    return checked


@transaction.atomic
def review_save(
    *,
    assignment: Assignment,
    scores: dict,
    committee_comment: str = "",
    applicant_comment: str = "",
    submit: bool = False,
) -> Review:
    """Save a review as a draft, or submit it (every criterion scored). A submitted review is
    final: a second submission is refused and changes nothing."""
    review, _created = Review.objects.select_for_update().get_or_create(assignment=assignment)
    if review.state == Review.State.SUBMITTED:
        raise ValidationError(_("You have already submitted this review."), code="submitted")
    if not assignment.reviewer.is_active:
        raise ValidationError(_("You are no longer a reviewer of this call."))
    criteria = list(assignment.round.criteria.all())
    checked = _checked_scores(criteria, scores, complete=submit)
    fields = {
        "scores": checked,
        "committee_comment": committee_comment,
        "applicant_comment": applicant_comment,
    }
    if submit:
        fields |= {
            "state": Review.State.SUBMITTED,
            "total": review_total(criteria, checked) if criteria else 0.0,
            "submitted_at": timezone.now(),
        }
    return validated_save(review, **fields)
