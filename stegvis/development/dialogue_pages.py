"""What the dialogue pages show, read in a fixed number of queries, so the views stay thin.

How far a user reaches into each participant's part of a dialogue (``dialogue_access``):

* ``self``: the participant: their preparation (drafts too), the manager's submitted one, and
  all notes about them;
* ``holds``: a manager who may hold dialogues with the participant (current staff): the
  employee's preparation once submitted, their own preparation, and all notes;
* ``reads``: HR of the municipality: the notes that are not confidential, no preparations.

A dialogue in which the user reaches nobody answers 404: a former manager of someone who
moved to another unit loses the dialogue and its notes the day the employment moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stegvis.organisations.models import Unit
from stegvis.organisations.roles import Capability
from stegvis.organisations.scope import scope_for
from stegvis.people.models import Employment

from . import questions, selectors
from .models import DevelopmentPlan, Dialogue, DialogueParticipant, DialogueRound, Preparation
from .services.dialogues import LIVE, may_plan
from .services.preparations import stored

SELF, HOLDS, READS = "self", "holds", "reads"
Status, Kind, Role = Dialogue.Status, Dialogue.Kind, Preparation.Role
LEVEL_LABELS = dict(questions.LEVELS)


@dataclass
class Access:
    dialogue: Dialogue
    holder: bool  # the dialogue's manager, still holding dialogues in its unit
    participations: list[DialogueParticipant]
    reach: dict[int, str] = field(default_factory=dict)

    def reaches(self, person_id, *kinds: str) -> bool:
        return self.reach.get(person_id) in kinds

    def own(self) -> DialogueParticipant | None:
        return next((p for p in self.participations if self.reach.get(p.person_id) == SELF), None)


def dialogue_access(user, pk: int) -> Access:
    dialogue = get_object_or_404(
        selectors.dialogues_visible_to(user).select_related("manager", "round__unit__municipality"),
        pk=pk,
    )
    participations = list(
        dialogue.participations.select_related("person").order_by(
            "person__last_name", "person__first_name"
        )
    )
    ids = [p.person_id for p in participations]
    holds = set(
        selectors.people_in_dialogue_scope(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    reads = set(selectors.readable_people(user).filter(pk__in=ids).values_list("pk", flat=True))
    reach = {}
    for participation in participations:
        person = participation.person
        if person.user_id is not None and person.user_id == user.pk:
            reach[person.pk] = SELF
        elif person.pk in holds:
            reach[person.pk] = HOLDS
        elif person.pk in reads:
            reach[person.pk] = READS
    if not reach:
        raise Http404
    holder = dialogue.manager_id == user.pk and may_plan(user, dialogue.round.unit)
    return Access(dialogue, holder, participations, reach)


# -- the manager's units and years ----------------------------------------------------------------


def unit_rows(user) -> list[dict]:
    """The manager's units, each with its years (this year always) and their progress."""
    today = timezone.localdate()
    current = Q(employments__start_date__lte=today) & (
        Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=today)
    )
    not_me = ~Q(employments__person__user_id=user.pk)
    units = list(
        Unit.objects.filter(scope_for(user, Capability.HOLD_DIALOGUES).units_q())
        .filter(closed_on__isnull=True)
        .annotate(staff=Count("employments__person", filter=current & not_me, distinct=True))
        .order_by("name")
    )
    rounds = (
        DialogueRound.objects.filter(unit__in=[u.pk for u in units])
        .annotate(
            booked=Count(
                "dialogues__participations__person",
                filter=Q(dialogues__status__in=LIVE),
                distinct=True,
            ),
            held=Count(
                "dialogues__participations__person",
                filter=Q(dialogues__status=Status.HELD),
                distinct=True,
            ),
            plans=Count("dialogues__plans", distinct=True),
        )
        .order_by("-year")
    )
    by_unit: dict[int, dict[int, DialogueRound]] = {}
    for dialogue_round in rounds:
        by_unit.setdefault(dialogue_round.unit_id, {})[dialogue_round.year] = dialogue_round
    rows = []
    for unit in units:
        mine = by_unit.get(unit.pk, {})
        years = sorted({today.year, *mine}, reverse=True)
        rows.append(
            {
                "unit": unit,
                "years": [{"year": year, "round": mine.get(year)} for year in years],
                "next_year": today.year + 1 if today.year + 1 not in mine else None,
            }
        )
    return rows


def _round_dialogues(dialogue_round: DialogueRound) -> list[Dialogue]:
    submitted = Preparation.objects.filter(role=Role.EMPLOYEE, submitted_at__isnull=False).only(
        "id", "dialogue_id", "person_id", "role", "submitted_at"
    )
    people = DialogueParticipant.objects.select_related("person").order_by(
        "person__last_name", "person__first_name"
    )
    return list(
        dialogue_round.dialogues.select_related("manager").prefetch_related(
            Prefetch("participations", queryset=people),
            Prefetch("preparations", queryset=submitted, to_attr="submitted"),
        )
    )


def round_rows(unit: Unit, dialogue_round: DialogueRound | None, staff) -> dict:
    """Everyone employed in the unit with their dialogues of the year, and the year's count."""
    here = Employment.objects.current().filter(unit=unit).select_related("job_title")
    staff = list(staff.prefetch_related(Prefetch("employments", queryset=here, to_attr="here")))
    dialogues, plans = [], set()
    if dialogue_round is not None:
        dialogues = _round_dialogues(dialogue_round)
        plans = set(
            DevelopmentPlan.objects.filter(dialogue__round=dialogue_round).values_list(
                "person_id", flat=True
            )
        )
    found: dict[int, dict] = {}
    for dialogue in dialogues:
        prepared = {p.person_id for p in dialogue.submitted}
        for participation in dialogue.participations.all():
            entry = found.setdefault(participation.person_id, {})
            if participation.person_id in prepared:
                entry["prepared"] = True
            if dialogue.status == Status.CANCELLED:
                continue
            entry[dialogue.kind] = dialogue
            if participation.wants_individual:
                entry["wants"] = True
    rows = []
    for person in staff:
        entry = found.get(person.pk, {})
        rows.append(
            {
                "person": person,
                "titles": ", ".join(e.job_title.name for e in person.here),
                "individual": entry.get(Kind.INDIVIDUAL),
                "group": entry.get(Kind.GROUP),
                "wants": entry.get("wants", False) and Kind.INDIVIDUAL not in entry,
                "prepared": entry.get("prepared", False),
                "plan": person.pk in plans,
            }
        )
    booked = [r for r in rows if r["individual"] or r["group"]]
    held = [
        r for r in rows if any(d and d.status == Status.HELD for d in (r["individual"], r["group"]))
    ]
    summary = {
        "staff": len(rows),
        "booked": len(booked),
        "held": len(held),
        "plans": sum(1 for r in rows if r["plan"]),
        "wanting": sum(1 for r in rows if r["wants"]),
    }
    return {"rows": rows, "dialogues": dialogues, "summary": summary}


# -- one dialogue ---------------------------------------------------------------------------------


def _side_by_side(employee: Preparation | None, manager: Preparation | None) -> dict:
    answers_e = stored(employee.answers) if employee else {}
    answers_m = stored(manager.answers) if manager else {}
    texts = list(answers_e) + [t for t in answers_m if t not in answers_e]
    lines_e = stored(employee.assessment) if employee else {}
    lines_m = stored(manager.assessment) if manager else {}
    keys = list(lines_e) + [k for k in lines_m if k not in lines_e]

    def level(line: dict | None) -> dict | None:
        if not line:
            return None
        return {"level": LEVEL_LABELS.get(line.get("level", ""), ""), "note": line.get("note", "")}

    return {
        "answers": [(text, answers_e.get(text), answers_m.get(text)) for text in texts],
        "assessment": [
            {
                "label": (lines_e.get(key) or lines_m.get(key)).get("label", key),
                "reason": (lines_e.get(key) or lines_m.get(key)).get("reason", ""),
                "employee": level(lines_e.get(key)),
                "manager": level(lines_m.get(key)),
            }
            for key in keys
        ],
    }


def dialogue_rows(user, access: Access) -> list[dict]:
    """Per participant: what the user may see of their preparations and notes."""
    dialogue = access.dialogue
    near = [pid for pid, kind in access.reach.items() if kind in (SELF, HOLDS)]
    preparations = {
        (p.person_id, p.role): p
        for p in Preparation.objects.filter(dialogue=dialogue, person_id__in=near)
    }
    rows = []
    for participation in access.participations:
        person = participation.person
        reach = access.reach.get(person.pk)
        row = {"participation": participation, "person": person, "reach": reach, "notes": []}
        rows.append(row)
        if reach is None:
            continue
        row["notes"] = list(
            selectors.notes_visible_to(user, person)
            .filter(dialogue=dialogue)
            .select_related("author")
        )
        if reach == READS:
            continue
        employee = preparations.get((person.pk, Role.EMPLOYEE))
        manager = preparations.get((person.pk, Role.MANAGER))
        if employee and employee.submitted_at is None and reach != SELF:
            employee = None
        if manager and manager.submitted_at is None and not access.holder:
            manager = None
        row.update({"employee_prep": employee, "manager_prep": manager})
        row.update(_side_by_side(employee, manager))
    return rows


def preparation_inputs(dialogue: Dialogue, person, role: str, existing) -> dict:
    """The questions and assessment lines of a preparation, with what was saved before (kept
    even when the question set or the person's profile changed since)."""
    municipality = dialogue.round.unit.municipality
    asked = questions.for_role(questions.questions_for(municipality), role)
    answers = stored(existing.answers) if existing else {}
    assessment = stored(existing.assessment) if existing else {}
    known = {q.text for q in asked}
    asked += [questions.AskedQuestion(t, "", role) for t in answers if t not in known]
    lines = questions.assessment_lines(person)
    keys = {line.key for line in lines}
    lines += [
        questions.AssessmentLine(key, value.get("label", key), value.get("reason", ""))
        for key, value in assessment.items()
        if key not in keys
    ]
    return {"asked": asked, "lines": lines, "answers": answers, "assessment": assessment}


# -- the employee's own dialogues -----------------------------------------------------------------


def my_cards(person) -> dict:
    """The person's dialogues: coming, past and cancelled, each with their preparation state."""
    cards = {"coming": [], "past": [], "cancelled": []}
    if person is None:
        return cards
    participations = (
        DialogueParticipant.objects.filter(person=person)
        .select_related("dialogue__manager", "dialogue__round__unit")
        .order_by("dialogue__starts_at", "dialogue_id")
    )
    prepared = dict(
        Preparation.objects.filter(person=person, role=Role.EMPLOYEE).values_list(
            "dialogue_id", "submitted_at"
        )
    )
    now = timezone.now()
    for participation in participations:
        dialogue = participation.dialogue
        card = {
            "participation": participation,
            "dialogue": dialogue,
            "started": dialogue.pk in prepared,
            "submitted": prepared.get(dialogue.pk) is not None,
        }
        if dialogue.status == Status.CANCELLED:
            cards["cancelled"].append(card)
        elif dialogue.status == Status.PLANNED and dialogue.ends_at >= now:
            cards["coming"].append(card)
        else:
            cards["past"].append(card)
    cards["past"].reverse()
    return cards
