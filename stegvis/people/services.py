"""Every change to people and employments goes through these functions.

Each validates, saves in one transaction and writes an audit event. Personal identity numbers
never enter audit data or log messages.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from stegvis.core.audit import log_action
from stegvis.organisations.models import Municipality, Region, Unit
from stegvis.organisations.services import unit_close

from .identity import identity_number_hash, normalise
from .models import Employment, JobTitle, Person, Qualification

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "preferred_language",
    "profession_start_date",
    "employee_number",
)


def _set_identity_number(person: Person, raw: str, country: str) -> None:
    number = normalise(raw or "", country)
    if number:
        clash = Person.objects.filter(identity_number_hash=identity_number_hash(number))
        if person.pk:
            clash = clash.exclude(pk=person.pk)
        if clash.exists():
            raise ValidationError(_("Another person already has this personal identity number."))
    person.identity_number = number
    person.identity_number_hash = identity_number_hash(number)


@transaction.atomic
def person_create(
    *,
    actor,
    region: Region,
    municipality: Municipality | None,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    preferred_language: str = "",
    identity_number: str = "",
    profession_start_date: datetime.date | None = None,
    employee_number: str = "",
    source: str = "web",
) -> Person:
    person = Person(
        region=region,
        municipality=municipality,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        preferred_language=preferred_language or (municipality.language if municipality else "sv"),
        profession_start_date=profession_start_date,
        employee_number=employee_number.strip(),
    )
    _set_identity_number(person, identity_number, municipality.country if municipality else "SE")
    person.full_clean(exclude=["identity_number", "identity_number_hash", "user"])
    person.save()
    log_action(
        "people.person.created",
        actor=actor,
        target=person,
        message=gettext_noop("Person record created"),
        data={"municipality": str(municipality or "")},
        source=source,
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor,
    person: Person,
    identity_number: str | None = None,
    source: str = "web",
    **fields,
) -> Person:
    """Change the fields named in PERSON_FIELDS; ``identity_number=None`` leaves it alone."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update cannot change {sorted(unknown)}")
    changes = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(person, name) != value:
            changes[name] = [str(getattr(person, name) or ""), str(value or "")]
            setattr(person, name, value)
    if (
        identity_number is not None
        and normalise(identity_number, person.municipality.country if person.municipality else "SE")
        != person.identity_number
    ):
        _set_identity_number(
            person, identity_number, person.municipality.country if person.municipality else "SE"
        )
        changes["identity_number"] = ["***", "***"]
    if not changes:
        return person
    person.full_clean(exclude=["identity_number", "identity_number_hash", "user"])
    person.save()
    log_action(
        "people.person.updated",
        actor=actor,
        target=person,
        message=gettext_noop("Personal details changed: %(fields)s"),
        data={"fields": ", ".join(_field_labels(changes)), "changes": changes},
        source=source,
    )
    return person


def _field_labels(names) -> list[str]:
    """English labels for the audit message (the message itself is translated when shown)."""
    with translation.override("en"):
        return [str(Person._meta.get_field(name).verbose_name) for name in sorted(names)]


def _validate_employment(unit: Unit, job_title: JobTitle, start: datetime.date, end) -> None:
    if unit.closed_on is not None and (end is None or end >= unit.closed_on):
        raise ValidationError(
            _("The unit %(unit)s is closed from %(date)s.")
            % {"unit": unit.name, "date": unit.closed_on}
        )
    if job_title.region_id != unit.municipality.region_id:
        raise ValidationError(_("The job title belongs to another region."))
    if end is not None and end < start:
        raise ValidationError(_("An employment cannot end before it starts."))


@transaction.atomic
def employment_start(
    *,
    actor,
    person: Person,
    unit: Unit,
    job_title: JobTitle,
    extent_percent: int,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    source_key: str = "",
    source: str = "web",
) -> Employment:
    _validate_employment(unit, job_title, start_date, end_date)
    if not 1 <= extent_percent <= 100:
        raise ValidationError(_("The extent is a percentage from 1 to 100."))
    employment = Employment.objects.create(
        person=person,
        unit=unit,
        job_title=job_title,
        extent_percent=extent_percent,
        start_date=start_date,
        end_date=end_date,
        source_key=source_key.strip(),
    )
    log_action(
        "people.employment.started",
        actor=actor,
        target=person,
        message=gettext_noop("Employment as %(title)s in %(unit)s from %(start)s"),
        data={
            "employment_id": employment.pk,
            "title": job_title.name,
            "unit": unit.name,
            "unit_id": unit.pk,
            "extent": extent_percent,
            "start": str(start_date),
        },
        source=source,
    )
    return employment


@transaction.atomic
def employment_end(
    *, actor, employment: Employment, end_date: datetime.date, source: str = "web"
) -> Employment:
    """End an employment on ``end_date`` (its last day). The row stays as history."""
    if end_date < employment.start_date:
        raise ValidationError(_("An employment cannot end before it starts."))
    if employment.end_date is not None and employment.end_date <= end_date:
        raise ValidationError(
            _("The employment already ends on %(date)s.") % {"date": employment.end_date}
        )
    employment.end_date = end_date
    employment.save(update_fields=["end_date"])
    log_action(
        "people.employment.ended",
        actor=actor,
        target=employment.person,
        message=gettext_noop("Employment in %(unit)s ends on %(end)s"),
        data={"employment_id": employment.pk, "unit": employment.unit.name, "end": str(end_date)},
        source=source,
    )
    return employment


@transaction.atomic
def employment_move(
    *, actor, employment: Employment, unit: Unit, on: datetime.date, source: str = "web"
) -> Employment:
    """Move to another unit from ``on``: the old employment ends the day before, a new one starts.

    Title, extent and HR key carry over; both rows stay, so where the person worked stays known.
    """
    employment = (
        Employment.objects.select_for_update()
        .select_related("unit", "job_title")
        .get(pk=employment.pk)
    )
    if unit.pk == employment.unit_id:
        raise ValidationError(_("The employment is already in that unit."))
    if unit.municipality_id != employment.unit.municipality_id:
        raise ValidationError(_("An employment can only move within its municipality."))
    if not employment.is_current(on) or on <= employment.start_date:
        raise ValidationError(_("The move date must fall inside the running employment."))
    _validate_employment(unit, employment.job_title, on, employment.end_date)
    old_end = employment.end_date
    employment.end_date = on - datetime.timedelta(days=1)
    employment.save(update_fields=["end_date"])
    moved = Employment.objects.create(
        person=employment.person,
        unit=unit,
        job_title=employment.job_title,
        extent_percent=employment.extent_percent,
        start_date=on,
        end_date=old_end,
        source_key=employment.source_key,
    )
    log_action(
        "people.employment.moved",
        actor=actor,
        target=employment.person,
        message=gettext_noop("Moved from %(from_unit)s to %(to_unit)s on %(on)s"),
        data={
            "from_unit": employment.unit.name,
            "to_unit": unit.name,
            "on": str(on),
            "from_employment_id": employment.pk,
            "to_employment_id": moved.pk,
        },
        source=source,
    )
    return moved


@transaction.atomic
def unit_merge(*, actor, unit: Unit, into: Unit, on: datetime.date) -> Unit:
    """Merge ``unit`` into ``into`` from ``on``: staff move across, then the unit closes.

    Lives here rather than in organisations because it moves employments, which are people data.
    """
    if into.pk == unit.pk or into.municipality_id != unit.municipality_id:
        raise ValidationError(_("A unit can only merge into another unit of its municipality."))
    running = list(unit.employments.current(on).select_related("job_title"))
    starting_later = unit.employments.filter(start_date__gt=on)
    if starting_later.exists():
        raise ValidationError(_("Some employments start in the unit after the merge date."))
    for employment in running:
        if employment.start_date == on:  # starts that very day: nothing to keep in the old unit
            employment.unit = into
            employment.save(update_fields=["unit"])
            log_action(
                "people.employment.moved",
                actor=actor,
                target=employment.person,
                message=gettext_noop("Moved from %(from_unit)s to %(to_unit)s on %(on)s"),
                data={
                    "from_unit": unit.name,
                    "to_unit": into.name,
                    "on": str(on),
                    "to_employment_id": employment.pk,
                },
            )
        else:
            employment_move(actor=actor, employment=employment, unit=into, on=on)
    return unit_close(actor=actor, unit=unit, on=on, merged_into=into)


def save_language_preference(*, user, language: str) -> None:
    """Remember the language a signed-in person chose, for their next session and e-mails."""
    Person.objects.filter(user=user).exclude(preferred_language=language).update(
        preferred_language=language
    )


@transaction.atomic
def qualification_add(
    *,
    actor,
    person: Person,
    kind: str,
    code: str,
    title: str,
    issued_on: datetime.date,
    points: int | None = None,
    issuer: str = "",
    evidence: str = "",
) -> Qualification:
    """Record an education, certificate or licence the person holds (formal competence)."""
    if issued_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    qualification = Qualification.objects.create(
        person=person,
        kind=kind,
        code=code.strip(),
        title=title.strip(),
        issued_on=issued_on,
        points=points,
        issuer=issuer.strip(),
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    log_action(
        "people.qualification.added",
        actor=actor,
        target=person,
        message=gettext_noop("Qualification recorded: %(title)s"),
        data={"title": qualification.title, "code": qualification.code, "kind": kind},
    )
    return qualification
