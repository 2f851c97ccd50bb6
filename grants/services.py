"""Writes of the grants app: a film's budget lines, its grant and instalment plan, instalments
falling due when their milestone is approved (the finance role is emailed), and payments.
Keyword-only, validated, atomic; every change lands in the change history (workspace.audit)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import validated_save
from films.models import Film, MilestoneSubmission
from grants.models import BudgetLine, Grant, Instalment
from outbox.services import message_enqueue
from programs.models import MilestoneDefinition

CENT = Decimal("0.01")
FINANCE_PERMISSION = "grants.view_money"


@transaction.atomic
def budget_line_add(*, film: Film, category: str, amount_cny: Decimal, **fields) -> BudgetLine:
    return validated_save(BudgetLine(film=film, category=category, amount_cny=amount_cny), **fields)


@transaction.atomic
def budget_line_remove(*, line: BudgetLine) -> None:
    line.delete()


def grant_plan(
    *, film: Film, amount_cny: Decimal, instalments: list[dict], note: str = ""
) -> Grant:
    """Set the film's grant and its instalments: [{"milestone", "percent" or "amount_cny"}, …].
    The instalments must add up to the grant exactly and belong to the film's cohort; paid and
    due instalments keep their milestone and amount. Nothing is saved when anything is wrong."""
    planned = [_planned(film, amount_cny, item) for item in instalments]
    milestones = [item.milestone_id for item in planned]
    if len(set(milestones)) != len(milestones):
        raise ValidationError(_("Each milestone can carry only one instalment."))
    total = sum((item.amount_cny for item in planned), Decimal("0"))
    if total != amount_cny:
        raise ValidationError(
            _("The instalments add up to %(total)s CNY, not the grant's %(grant)s CNY.")
            % {"total": total, "grant": amount_cny}
        )
    with transaction.atomic():
        grant = Grant.objects.select_for_update().filter(film=film).first() or Grant(film=film)
        validated_save(grant, amount_cny=amount_cny, note=note)
        _instalments_replace(film, planned)
    return grant


def _planned(film: Film, grant: Decimal, item: dict) -> Instalment:
    milestone, percent, amount = item["milestone"], item.get("percent"), item.get("amount_cny")
    if milestone.cohort_id != film.cohort_id:
        raise ValidationError(
            _("“%(milestone)s” is a milestone of another cohort.") % {"milestone": milestone.name}
        )
    if (percent is None) == (amount is None):
        raise ValidationError(
            _("Give “%(milestone)s” either a percentage or an amount.")
            % {"milestone": milestone.name}
        )
    if percent is not None:
        amount = (grant * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return Instalment(film=film, milestone=milestone, percent=percent, amount_cny=amount)


def _instalments_replace(film: Film, planned: list[Instalment]) -> None:
    existing = {i.milestone_id: i for i in Instalment.objects.select_for_update().filter(film=film)}
    wanted = {item.milestone_id for item in planned}
    for milestone_id, instalment in existing.items():
        if milestone_id not in wanted:
            if instalment.status != Instalment.Status.PLANNED:
                raise ValidationError(
                    _("“%(milestone)s” is %(status)s already and stays in the plan.")
                    % {
                        "milestone": instalment.milestone.name,
                        "status": instalment.get_status_display(),
                    }
                )
            instalment.delete()
    for item in planned:
        current = existing.get(item.milestone_id)
        if current is None:
            validated_save(item, status=_initial_status(film, item.milestone))
        elif current.status == Instalment.Status.PAID and current.amount_cny != item.amount_cny:
            raise ValidationError(
                _("“%(milestone)s” is paid; its amount cannot change.")
                % {"milestone": current.milestone.name}
            )
        else:
            validated_save(current, percent=item.percent, amount_cny=item.amount_cny)


def _initial_status(film: Film, milestone: MilestoneDefinition) -> str:
    from films.pipeline import approved_milestone_ids

    approved = milestone.pk in approved_milestone_ids(film)
    return Instalment.Status.DUE if approved else Instalment.Status.PLANNED


def on_milestone_decided(*, submission: MilestoneSubmission, approved: bool, **kwargs) -> None:
    """The receiver of films.pipeline.milestone_decided: the instalment tied to the milestone
    falls due (finance is emailed) or, when the approval is reopened before payment, is planned
    again. Conditional updates: deciding twice changes nothing twice."""
    instalments = Instalment.objects.filter(
        film_id=submission.film_id, milestone_id=submission.milestone_id
    )
    if approved:
        for instalment in instalments.filter(status=Instalment.Status.PLANNED):
            validated_save(instalment, status=Instalment.Status.DUE, due_since=timezone.now())
            _email_finance(instalment)
    else:
        for instalment in instalments.filter(status=Instalment.Status.DUE):
            validated_save(instalment, status=Instalment.Status.PLANNED, due_since=None)


def instalment_mark_paid(
    *, instalment: Instalment, paid_on: datetime.date, payment_reference: str, paid_by
) -> Instalment:
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    with transaction.atomic():
        locked = Instalment.objects.select_for_update().get(pk=instalment.pk)
        if locked.status != Instalment.Status.DUE:
            raise ValidationError(
                _("Only a due instalment can be paid; this one is %(status)s.")
                % {"status": locked.get_status_display()}
            )
        return validated_save(
            locked,
            status=Instalment.Status.PAID,
            paid_on=paid_on,
            payment_reference=payment_reference.strip(),
            paid_by=paid_by,
        )


def finance_users():
    """The active accounts that hold the finance permission (through the Finance group)."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(
        Q(
            groups__permissions__codename="view_money",
            groups__permissions__content_type__app_label="grants",
        )
        | Q(
            user_permissions__codename="view_money",
            user_permissions__content_type__app_label="grants",
        )
    ).distinct()


def _email_finance(instalment: Instalment) -> None:
    link = settings.SITE_URL + reverse("workspace:finance")
    for user in finance_users():
        message_enqueue(
            recipient=user.email,
            language=user.preferred_language,
            template="instalment_due",
            context={"instalment": instalment, "film": instalment.film, "link": link},
            cause=f"instalment-due:{instalment.pk}:{user.pk}",
        )


# The signed-in menu's Finance link for the finance role alone (templates/signed_in_base.html):
# decided once at sign-in and kept in the session, so no page pays two permission queries for
# it. The money pages themselves still ask the permissions (workspace.access.finance_required).
FINANCE_NAV_SESSION_KEY = "grants_finance_nav"  # read by name in the template


def remember_finance_role(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    finance_only = (
        not user.is_staff
        and not (user.is_director or user.is_mentor)
        and user.has_perm(FINANCE_PERMISSION)
    )
    request.session[FINANCE_NAV_SESSION_KEY] = finance_only
