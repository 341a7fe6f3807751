"""The periodic run of the development plans (``manage.py development_tick``).

Idempotent, safe to run every few minutes:

* activities follow their course registrations (``sync.sync_all``: the course day that started
  saves nothing, so the signal cannot see it);
* the follow-up reminder goes to the employee and their current manager(s) once the follow-up
  date of an approved plan is ``STEGVIS_PLAN_REMINDER_DAYS`` (7) days away or has passed, and the
  plan is not followed up yet;
* the owner of an overdue activity (the employee, or the current manager) is reminded of it.

Each reminder is sent once: it is recorded in the plan's audit trail (with the date it was
about), inside a transaction that holds the plan's row, and sent when that commits. A changed
follow-up date or due date is a new reminder. No new model is needed.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.accounts.tasks import send_email
from stegvis.core.audit import log_action
from stegvis.core.models import AuditEvent
from stegvis.organisations.models import Role, RoleAssignment
from stegvis.people.models import Employment

from . import sync
from .models import DevelopmentPlan, PlanActivity

FOLLOW_UP_SENT = "development.plan.follow_up_reminder_sent"
OVERDUE_SENT = "development.activity.overdue_reminder_sent"
OPEN = (
    PlanActivity.Status.PLANNED,
    PlanActivity.Status.REGISTERED,
    PlanActivity.Status.IN_PROGRESS,
)


@dataclass
class TickSummary:
    activities_followed: int = 0
    follow_up_reminders: int = 0
    overdue_reminders: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"{self.activities_followed} activit(y/ies) updated from registrations, "
            f"{self.follow_up_reminders} follow-up reminder(s) and "
            f"{self.overdue_reminders} overdue-activity reminder(s) queued."
        )


def reminder_days() -> int:
    return int(getattr(settings, "STEGVIS_PLAN_REMINDER_DAYS", 7))


def live_plans():
    """Approved plans that no later plan has replaced."""
    return DevelopmentPlan.objects.filter(
        employee_approved_at__isnull=False,
        manager_approved_at__isnull=False,
        next_plan__isnull=True,
    )


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str


def _managers_of(person_ids) -> dict[int, list[Recipient]]:
    """Each person's current managers (manager role on a unit they work in now)."""
    units: dict[int, set[int]] = {}
    for person_id, unit_id in (
        Employment.objects.current()
        .filter(person_id__in=person_ids)
        .values_list("person_id", "unit_id")
    ):
        units.setdefault(person_id, set()).add(unit_id)
    by_unit: dict[int, list[Recipient]] = {}
    assignments = (
        RoleAssignment.objects.active()
        .filter(role=Role.MANAGER, unit_id__in={u for ids in units.values() for u in ids})
        .select_related("user", "user__person")
    )
    for assignment in assignments:
        user = assignment.user
        person = getattr(user, "person", None)
        by_unit.setdefault(assignment.unit_id, []).append(
            Recipient(
                user.email,
                person.preferred_language if person else settings.LANGUAGE_CODE,
                person.full_name if person else user.email,
            )
        )
    result = {}
    for person_id, unit_ids in units.items():
        seen = {}
        for unit_id in sorted(unit_ids):
            for recipient in by_unit.get(unit_id, []):
                seen[recipient.email] = recipient
        result[person_id] = list(seen.values())
    return result


def _employee(plan: DevelopmentPlan) -> list[Recipient]:
    person = plan.person
    if not person.email:
        return []
    return [Recipient(person.email, person.preferred_language, person.full_name)]


def _mail(recipient: Recipient, template: str, subject: str, context: dict) -> None:
    """Render in the recipient's language and queue the mail when the transaction commits."""
    with translation.override(recipient.language), timezone.override(settings.TIME_ZONE):
        context = {**context, "recipient": recipient}
        body = render_to_string(f"development/email/{template}.txt", context)
        subject = _(subject) % context["subject_data"]
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=[recipient.email])
    )


def _url(plan: DevelopmentPlan) -> str:
    return settings.STEGVIS_SITE_URL.rstrip("/") + reverse("development:plan", args=[plan.pk])


def _sent(action: str, plan_ids, key: str) -> set[tuple[int, str]]:
    """(plan id, key value) pairs already recorded for ``action``."""
    plan_type = ContentType.objects.get_for_model(DevelopmentPlan)
    return {
        (target_id, str(data.get(key)))
        for target_id, data in AuditEvent.objects.filter(
            action=action, target_type=plan_type, target_id__in=list(plan_ids)
        ).values_list("target_id", "data")
    }


def send_follow_up_reminders(today: datetime.date) -> int:
    until = today + datetime.timedelta(days=reminder_days())
    plans = list(
        live_plans()
        .filter(followed_up_at__isnull=True, follow_up_on__lte=until)
        .select_related("person")
    )
    if not plans:
        return 0
    sent = _sent(FOLLOW_UP_SENT, [p.pk for p in plans], "follow_up_on")
    plans = [p for p in plans if (p.pk, str(p.follow_up_on)) not in sent]
    managers = _managers_of({p.person_id for p in plans})
    return sum(_follow_up_once(plan, managers.get(plan.person_id, []), today) for plan in plans)


def _follow_up_once(plan: DevelopmentPlan, managers: list[Recipient], today) -> int:
    with transaction.atomic():
        DevelopmentPlan.objects.select_for_update().filter(pk=plan.pk).first()
        if (plan.pk, str(plan.follow_up_on)) in _sent(FOLLOW_UP_SENT, [plan.pk], "follow_up_on"):
            return 0
        recipients = list({r.email: r for r in _employee(plan) + managers}.values())
        context = {
            "plan": plan,
            "person": plan.person,
            "url": _url(plan),
            "passed": plan.follow_up_on < today,
            "subject_data": {"person": plan.person.full_name, "year": plan.year},
        }
        for recipient in recipients:
            _mail(
                recipient,
                "plan_follow_up",
                gettext_noop("Follow-up of the development plan %(year)s: %(person)s"),
                context,
            )
        log_action(
            FOLLOW_UP_SENT,
            actor=None,
            target=plan,
            source="system",
            message=gettext_noop("Follow-up reminder sent to %(recipients)s"),
            data={
                "follow_up_on": str(plan.follow_up_on),
                "recipients": ", ".join(r.name for r in recipients),
            },
        )
    return 1


def send_overdue_reminders(today: datetime.date) -> int:
    activities = list(
        PlanActivity.objects.filter(
            goal__plan__in=live_plans(), status__in=OPEN, due_on__lt=today
        ).select_related("goal__plan__person")
    )
    if not activities:
        return 0
    sent = _sent(OVERDUE_SENT, {a.goal.plan_id for a in activities}, "activity_key")
    activities = [a for a in activities if (a.goal.plan_id, _key(a)) not in sent]
    managers = _managers_of({a.goal.plan.person_id for a in activities})
    return sum(_overdue_once(a, managers.get(a.goal.plan.person_id, []), today) for a in activities)


def _key(activity: PlanActivity) -> str:
    return f"{activity.pk}:{activity.due_on}"


def _overdue_once(activity: PlanActivity, managers: list[Recipient], today) -> int:
    plan = activity.goal.plan
    with transaction.atomic():
        DevelopmentPlan.objects.select_for_update().filter(pk=plan.pk).first()
        if (plan.pk, _key(activity)) in _sent(OVERDUE_SENT, [plan.pk], "activity_key"):
            return 0
        owner_is_employee = activity.owner == PlanActivity.Owner.EMPLOYEE
        recipients = _employee(plan) if owner_is_employee else managers
        context = {
            "plan": plan,
            "person": plan.person,
            "activity": activity,
            "url": _url(plan),
            "for_employee": owner_is_employee,
            "subject_data": {"activity": activity.description, "person": plan.person.full_name},
        }
        subject = (
            gettext_noop("Overdue in your development plan: %(activity)s")
            if owner_is_employee
            else gettext_noop("Overdue in the development plan of %(person)s: %(activity)s")
        )
        for recipient in recipients:
            _mail(recipient, "plan_activity_overdue", subject, context)
        log_action(
            OVERDUE_SENT,
            actor=None,
            target=plan,
            source="system",
            message=gettext_noop("Reminder about the overdue activity %(activity)s sent"),
            data={
                "activity": activity.description,
                "activity_key": _key(activity),
                "recipients": ", ".join(r.name for r in recipients),
            },
        )
    return 1


def run(now: datetime.datetime | None = None) -> TickSummary:
    now = now or timezone.now()
    today = timezone.localdate(now)
    summary = TickSummary()
    summary.activities_followed = sync.sync_all(now=now)
    summary.follow_up_reminders = send_follow_up_reminders(today)
    summary.overdue_reminders = send_overdue_reminders(today)
    return summary
