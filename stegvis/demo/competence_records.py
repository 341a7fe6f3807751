"""The staff's competence record entries (with confirmations and withdrawals) and their ladder
placements, including Anna's hand-made record and her care home's dementia-care shortfall.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from stegvis.competences.models import CompetenceRecord, LadderPlacement, LadderStep

from . import competence_plans as plans
from .competence_model import BATCH, CARE_TRACK, LICENSED, Built, first_unit, moment
from .competence_staff import ONE_DAY, Member, clamp, unit_managers
from .competence_titles import LICENSED_STEPS, QUALIFICATIONS
from .logins import ANNA
from .organisation import Organisation
from .persons import add_years, date_between
from .region import ANCHOR

Kind = CompetenceRecord.Kind
EXPIRY_FIRST, EXPIRY_LAST = datetime.date(2026, 10, 1), datetime.date(2028, 12, 31)
AREA_FRAMEWORK = {
    "elder_care": "elder",
    "disability": "disability",
    "social_psychiatry": "psychiatry",
}


# -- records and placements ---------------------------------------------------------------------


@dataclass
class Recorder:
    """Collects record entries, then the confirmations and withdrawals that refer to them."""

    built: dict[str, Built]
    entries: list[CompetenceRecord] = field(default_factory=list)
    follow_ups: list[tuple[CompetenceRecord, str, datetime.date, str, int | None]] = field(
        default_factory=list
    )

    def add(
        self,
        member: Member,
        fw: str,
        code: str,
        kind: str,
        day: datetime.date,
        *,
        evidence: str = "",
        expires: datetime.date | None = None,
        by: int | None = None,
    ) -> CompetenceRecord:
        item = self.built[fw].at(code, day)
        entry = CompetenceRecord(
            person_id=member.pk,
            item=item,
            item_identifier=item.identifier,
            kind=kind,
            achieved_on=day,
            expires_on=expires,
            evidence=evidence,
            recorded_by_id=by,
            recorded_at=moment(day),
        )
        self.entries.append(entry)
        return entry

    def follow(
        self, entry: CompetenceRecord, kind: str, day: datetime.date, evidence: str, by: int | None
    ) -> None:
        self.follow_ups.append((entry, kind, day, evidence, by))

    def write(self) -> int:
        CompetenceRecord.objects.bulk_create(self.entries, batch_size=BATCH)
        rows = [
            CompetenceRecord(
                person_id=entry.person_id,
                item=entry.item,
                item_identifier=entry.item_identifier,
                kind=kind,
                achieved_on=day,
                evidence=evidence,
                refers_to=entry,
                recorded_by_id=by,
                recorded_at=moment(day, 14),
            )
            for entry, kind, day, evidence, by in self.follow_ups
        ]
        CompetenceRecord.objects.bulk_create(rows, batch_size=BATCH)
        return len(self.entries) + len(rows)


def _expiry(rng: random.Random, years: int) -> datetime.date:
    return date_between(rng, EXPIRY_FIRST, min(EXPIRY_LAST, add_years(ANCHOR, years)))


def _plan_entry(
    rng: random.Random, rec: Recorder, m: Member, fw: str, row: tuple, manager: int | None
) -> None:
    code, _share, kind, evidence, valid = row
    start = max(m.jobs[0].start, add_years(ANCHOR, -8))
    if kind == plans.SELF:
        if m.user_id is None:
            return
        day = date_between(rng, ANCHOR - datetime.timedelta(days=400), ANCHOR - ONE_DAY)
        entry = rec.add(m, fw, code, Kind.SELF_ASSESSED, day, evidence=evidence, by=m.user_id)
        waited = (ANCHOR - day).days
        if waited > 10 and rng.random() < 0.6:
            confirmed = day + datetime.timedelta(days=rng.randint(3, min(60, waited - 1)))
            rec.follow(entry, Kind.CONFIRMATION, confirmed, "", manager)
        return
    if kind == plans.ASSESSED:
        day = date_between(rng, max(start, add_years(ANCHOR, -5)), ANCHOR - ONE_DAY)
        rec.add(m, fw, code, Kind.ASSESSED, day, evidence=evidence, by=manager)
        return
    expires = _expiry(rng, valid) if valid else None
    day = (
        add_years(expires, -valid)
        if expires and valid
        else date_between(rng, start, ANCHOR - ONE_DAY)
    )
    entry = rec.add(
        m,
        fw,
        code,
        Kind.COURSE,
        day,
        evidence=evidence,
        expires=expires,
        by=manager if rng.random() < 0.5 else None,
    )
    if rng.random() < 0.004:
        later = clamp(day + datetime.timedelta(days=rng.randint(1, 30)))
        rec.follow(entry, Kind.WITHDRAWAL, later, rng.choice(plans.WITHDRAWAL_REASONS), manager)


def _licensed_steps(rng: random.Random, m: Member) -> list[tuple[int, datetime.date]]:
    """(step, since) on the licensed ladder, from April 2023 when the model was taken up."""
    start = max(datetime.date(2023, 4, 1), m.since)
    deepens = add_years(m.since, rng.choice((3, 4, 5, 6))) if rng.random() < 0.65 else None
    exam = m.held.get("specialistsjukskoterskeexamen")
    specialist = max(exam, m.main.start) if exam else None

    def step(on: datetime.date) -> int:
        if specialist and on >= specialist:
            return 4
        if deepens and on >= deepens:
            return 3
        return 2 if on >= add_years(m.since, 1) else 1

    placements = [(step(start), start)]
    for change in sorted(d for d in (add_years(m.since, 1), deepens, specialist) if d):
        if start < change <= ANCHOR and step(change) > placements[-1][0]:
            placements.append((step(change), change))
    return placements


def records_and_placements(
    rng: random.Random,
    org: Organisation,
    staff: list[Member],
    built: dict[str, Built],
    steps: dict[str, list[LadderStep]],
) -> tuple[int, int]:
    managers = unit_managers()
    rec = Recorder(built)
    placements: list[LadderPlacement] = []
    uddevalla = org.municipality("Uddevalla")
    anna_unit = first_unit(uddevalla, "care_home").unit.pk
    local_units = {
        first_unit(uddevalla, "group_home").unit.pk: "group-home",
        first_unit(org.municipality("Randers"), "group_home").unit.pk: "group-home-da",
    }
    anna_colleagues: list[Member] = []
    for m in staff:
        main = m.main
        if not main.current():
            continue
        manager = managers.get(main.unit_id)
        units = {j.unit_id for j in m.jobs if j.current()}
        if m.email == ANNA:
            _anna(rec, m, manager)
            placements.append(_place(steps["care"][1], m.pk, main.start, manager))
            continue
        if anna_unit in units:
            anna_colleagues.append(m)
        code = main.title.code
        if m.region == "midtjylland":
            keys = ["mental-health"]
        elif code in LICENSED:
            keys = []
            _licensed(rng, rec, m, manager, steps["licensed"], placements)
        else:
            keys = (
                [AREA_FRAMEWORK[main.title.area_kind]]
                if (main.title.area_kind in AREA_FRAMEWORK)
                else []
            )
            if keys == ["elder"] and m.info is uddevalla:
                keys.append("uddevalla")
        keys += [local_units[u] for u in sorted(units) if u in local_units]
        skip = {"ÄO-4.2"} if anna_unit in units else set()
        done: set[tuple[str, str]] = set()
        for qualification, covers in plans.EDUCATION_COVERS.items():
            if qualification not in m.held:
                continue
            _kind, title, _issuer = QUALIFICATIONS[qualification]
            for fw, codes in covers:
                for c in codes:
                    if fw in keys and c not in skip and (fw, c) not in done:
                        done.add((fw, c))
                        rec.add(m, fw, c, Kind.EDUCATION, m.held[qualification], evidence=title)
        factor = min(1.0, 0.45 + m.years() / 8) * plans.TITLE_FACTOR.get(code, 1.0)
        for fw in keys:
            for row in plans.PLANS[fw]:
                if (fw, row[0]) in done or row[0] in skip or rng.random() >= row[1] * factor:
                    continue
                done.add((fw, row[0]))
                _plan_entry(rng, rec, m, fw, row, manager)
        if code in CARE_TRACK and m.region == "fyrbodal":
            _place_care(steps["care"], m, manager, placements)
    _dementia_shortfall(rec, anna_colleagues, managers.get(anna_unit))
    with_records = rec.write()
    LadderPlacement.objects.bulk_create(placements, batch_size=BATCH)
    return with_records, len(placements)


def _place(step: LadderStep, person: int, since: datetime.date, by: int | None):
    return LadderPlacement(
        person_id=person, step=step, since=since, recorded_by_id=by, recorded_at=moment(since)
    )


def _place_care(
    steps: list[LadderStep], m: Member, manager: int | None, placements: list[LadderPlacement]
) -> None:
    position = CARE_TRACK[m.main.title.code]
    specialist = m.held.get("yh-specialistusk")
    if position == 3 and specialist and specialist > m.main.start:
        placements.append(_place(steps[1], m.pk, m.main.start, manager))
        placements.append(_place(steps[2], m.pk, specialist, manager))
    else:
        placements.append(_place(steps[position - 1], m.pk, m.main.start, manager))


def _licensed(
    rng: random.Random,
    rec: Recorder,
    m: Member,
    manager: int | None,
    steps: list[LadderStep],
    placements: list[LadderPlacement],
) -> None:
    history = _licensed_steps(rng, m)
    for position, since in history:
        placements.append(_place(steps[position - 1], m.pk, since, manager))
    reached = dict(history)
    current = history[-1][0]
    for position, (_name, _criteria, package) in enumerate(LICENSED_STEPS, start=1):
        share = 0.9 if position <= current else (0.3 if position == current + 1 else 0.0)
        for code in package:
            if code == "HSL-1.3" or rng.random() >= share:
                continue
            around = reached.get(position, ANCHOR - datetime.timedelta(days=200))
            day = date_between(
                rng,
                max(m.since, around - datetime.timedelta(days=120)),
                clamp(around + datetime.timedelta(days=300)),
            )
            kind, evidence = plans.HEALTH_EVIDENCE.get(code, (plans.COURSE, ""))
            rec.add(
                m,
                "health",
                code,
                Kind.ASSESSED if kind == plans.ASSESSED else Kind.COURSE,
                day,
                evidence=evidence,
                by=manager,
            )
    if rng.random() < 0.92:
        expires = _expiry(rng, 1)
        rec.add(
            m,
            "health",
            "HSL-1.3",
            Kind.COURSE,
            add_years(expires, -1),
            evidence="HLR med hjärtstartare, instruktörsledd",
            expires=expires,
            by=manager,
        )


def _anna(rec: Recorder, m: Member, manager: int | None) -> None:
    """A few competences met, one expiring, one self-assessment awaiting confirmation, and no
    training in medicines (a requirement of her title) yet."""
    d = datetime.date
    education = m.held["vard-och-omsorgsprogrammet"]
    hygiene = "Webbutbildning: Basal hygien i vård och omsorg"
    own = "Arbetade på demensavdelningen i somras med stöd av handledare"
    # (framework, code, kind, date, valid until, evidence, recorded by)
    rows = (
        ("elder", "ÄO-1.1", Kind.EDUCATION, education, None, "Vård- och omsorgsprogrammet", None),
        ("elder", "ÄO-6.1", Kind.EDUCATION, education, None, "Vård- och omsorgsprogrammet", None),
        ("elder", "ÄO-7.1", Kind.EDUCATION, education, None, "Vård- och omsorgsprogrammet", None),
        ("elder", "ÄO-4.1", Kind.COURSE, d(2024, 5, 14), None, "Webbutbildning om demens", manager),
        (
            "elder",
            "ÄO-12.2",
            Kind.ASSESSED,
            d(2024, 9, 18),
            None,
            "Bedömd av fysioterapeut",
            manager,
        ),
        ("elder", "ÄO-9.1", Kind.COURSE, d(2025, 9, 30), d(2027, 9, 30), hygiene, None),
        ("uddevalla", "UDD-1.1", Kind.COURSE, d(2026, 2, 10), d(2027, 2, 10), "HLR vuxen", manager),
        ("elder", "ÄO-4.2", Kind.SELF_ASSESSED, d(2026, 8, 20), None, own, m.user_id),
    )
    for fw, code, kind, day, expires, evidence, by in rows:
        rec.add(m, fw, code, kind, day, evidence=evidence, expires=expires, by=by)


def _dementia_shortfall(rec: Recorder, colleagues: list[Member], manager: int | None) -> None:
    """Anna's care home has one colleague trained in dementia care, of the two required."""
    if not colleagues:
        return
    chosen = next(
        (m for m in colleagues if m.main.title.code == "specialistunderskoterska"), colleagues[0]
    )
    rec.add(
        chosen,
        "elder",
        "ÄO-4.2",
        Kind.COURSE,
        datetime.date(2025, 4, 10),
        evidence="Fyrbodalgemensam kurs: Personcentrerad demensvård",
        by=manager,
    )
