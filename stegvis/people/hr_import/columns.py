"""Our import fields and the column names Swedish and Danish HR systems use for them.

Heroma, Personec, KMD Opus and SD Løn name their export columns differently; the synonym table
below covers the common names so that a first upload gets a sensible suggested mapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

#: Our field → its label (shown on the mapping page), in the order the mapping form lists them.
FIELDS: dict[str, str] = {
    "employee_number": _("Employee number"),
    "identity_number": _("Personal identity number"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "email": _("Email"),
    "phone": _("Phone"),
    "unit": _("Unit (HR system key)"),
    "job_title": _("Job title"),
    "extent": _("Extent (%)"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "employment_form": _("Form of employment"),
    "profession_start_date": _("In the profession since"),
    "employment_key": _("Employment id (HR system key)"),
}

#: Fields that must be mapped; a person is found by employee number or identity number.
REQUIRED_FIELDS = ("first_name", "last_name", "unit", "job_title", "start_date")
PERSON_KEY_FIELDS = ("employee_number", "identity_number")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_number": (
        "anställningsnummer",
        "anställningsnr",
        "anst.nr",
        "anstnr",
        "anst nr",
        "personalnummer",
        "medarbetarnummer",
        "medarbejdernummer",
        "medarbejdernr",
        "medarbejder nr",
        "løn nr",
        "lønnr",
        "lønnummer",
        "employee number",
        "employee_number",
        "employee id",
    ),
    "identity_number": (
        "personnummer",
        "personnr",
        "pnr",
        "person nr",
        "samordningsnummer",
        "cpr-nummer",
        "cpr nummer",
        "cprnr",
        "cpr nr",
        "cpr",
        "identity number",
        "identity_number",
    ),
    "first_name": ("förnamn", "tilltalsnamn", "fornavn", "first name", "first_name", "given name"),
    "last_name": ("efternamn", "efternavn", "last name", "last_name", "surname", "family name"),
    "email": ("e-post", "epost", "e-postadress", "email", "e-mail", "mail", "e-mailadresse"),
    "phone": ("telefon", "telefonnummer", "mobil", "mobiltelefon", "mobilnummer", "tlf", "phone"),
    "unit": (
        "enhet",
        "enhetskod",
        "enhetsid",
        "org-enhet",
        "organisationsenhet",
        "kostnadsställe",
        "afdeling",
        "afdelingsnummer",
        "arbejdssted",
        "arbejdsstedsnummer",
        "unit",
        "unit key",
    ),
    "job_title": (
        "befattning",
        "befattningskod",
        "titel",
        "yrke",
        "stillingsbetegnelse",
        "stilling",
        "job title",
        "job_title",
        "title",
    ),
    "extent": (
        "sysselsättningsgrad",
        "omfattning",
        "tjänstgöringsgrad",
        "anställningsgrad",
        "beskæftigelsesgrad",
        "beskæftigelse",
        "timetal",
        "%",
        "extent",
        "extent_percent",
    ),
    "start_date": (
        "startdatum",
        "anställningsdatum",
        "från datum",
        "från",
        "fra dato",
        "startdato",
        "ansættelsesdato",
        "start date",
        "start_date",
    ),
    "end_date": (
        "slutdatum",
        "till datum",
        "till",
        "til dato",
        "slutdato",
        "fratrædelsesdato",
        "end date",
        "end_date",
    ),
    "employment_form": (
        "anställningsform",
        "anställningstyp",
        "ansættelsesform",
        "ansættelsestype",
        "employment form",
        "permanent",
    ),
    "profession_start_date": (
        "yrkesverksam sedan",
        "i yrket sedan",
        "i faget siden",
        "erfaring fra",
        "profession start date",
        "profession_start_date",
    ),
    "employment_key": (
        "anställnings-id",
        "anställningsid",
        "anst-id",
        "ansættelses-id",
        "ansættelsesid",
        "ansættelsesnummer",
        "employment id",
        "employment_key",
        "source key",
    ),
}

_NOT_WORD = re.compile(r"[^\w%]+")


def normalise_header(header: str) -> str:
    """``"Anst.nr "`` and ``"anst nr"`` both become ``"anstnr"``: case, spaces and marks go."""
    return _NOT_WORD.sub("", header.strip().casefold())


_LOOKUP: dict[str, str] = {
    normalise_header(name): field for field, names in SYNONYMS.items() for name in names
}


def suggest_mapping(headers: Iterable[str]) -> dict[str, str]:
    """Our field → the file's header, for every header the synonym table recognises.

    The first header that matches a field wins; unknown headers are left out.
    """
    suggestion: dict[str, str] = {}
    for header in headers:
        field = _LOOKUP.get(normalise_header(header))
        if field and field not in suggestion:
            suggestion[field] = header
    return suggestion


def mapping_problems(
    columns: dict[str, str], headers: list[str], *, default_job_title: bool = False
) -> list[str]:
    """Plain messages for a mapping that cannot work with these headers (empty when fine).

    With a default job title the job title column may be left out.
    """
    problems = []
    for field, header in columns.items():
        if field not in FIELDS:
            problems.append(_("Unknown import field “%(field)s”.") % {"field": field})
        elif header and header not in headers:
            problems.append(
                _("The column “%(column)s” (for %(field)s) is not in the file.")
                % {"column": header, "field": FIELDS[field]}
            )
    for field in REQUIRED_FIELDS:
        if not columns.get(field) and not (field == "job_title" and default_job_title):
            problems.append(_("Choose the column for %(field)s.") % {"field": FIELDS[field]})
    if not any(columns.get(field) for field in PERSON_KEY_FIELDS):
        problems.append(_("Choose the column for the employee number or the identity number."))
    return problems
