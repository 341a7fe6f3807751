"""The competence profile's three long lists, built once in Python.

A profile of 40 competences has some 95 rows (requirements, the record, every entry), each
with a status word, a kind, a reason and localized dates. Through template tags and
``get_*_display`` they cost as much as reading the whole profile, so, as the matrix does
(``station/matrix_heatmap.py``), the rows are made here with f-strings. The words are the same
msgids the template used, so the translations stay. Every text that is not ours (titles,
evidence, names, translations) goes through ``escape``.
"""

from __future__ import annotations

from html import escape  # the standard library's: Django's lazy-aware one costs 5x per call

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from stegvis.core.dates import format_date

from .models import CompetenceRecord, Requirement
from .status import Status

_PLACEHOLDER = 2_147_483_647
_DASH = "–"


class _Words:
    """Labels and formats looked up once per page, not once per row."""

    def __init__(self):
        self.date_format = formats.get_format("SHORT_DATE_FORMAT")
        self.datetime_format = formats.get_format("SHORT_DATETIME_FORMAT")
        self.status = {value: escape(str(label)) for value, label in Status.choices}
        self.kind = {value: escape(str(label)) for value, label in CompetenceRecord.Kind.choices}
        self.reason = {value: escape(str(label)) for value, label in Requirement.Reason.choices}
        self.system = escape(_("the system"))
        self.withdraw = escape(_("Withdraw"))
        self.withdraw_url = reverse("competences:record_withdraw", args=[_PLACEHOLDER])

    def date(self, value) -> str:
        return format_date(value, self.date_format) if value else ""

    def status_cell(self, status: str) -> str:
        return f'<td><span class="status status--{status}">{self.status[status]}</span></td>'


def _requirement_rows(lines, words: _Words) -> SafeString:
    """The requirements table's rows: competence, status, valid until, why."""
    return mark_safe(  # every outside text is escaped
        "\n".join(
            f'<tr><th scope="row">{escape(line.requirement.item.title)}</th>'
            f"{words.status_cell(line.state.status)}"
            f"<td>{words.date(line.state.expires_on) or _DASH}</td>"
            f"<td>{words.reason.get(line.requirement.reason, '')}</td></tr>"
            for line in lines
        )
    )


def _record_rows(rows, words: _Words) -> SafeString:
    """The record table's rows: competence, status, evidence, date, valid until."""
    parts = []
    for item, state in rows:
        entry = state.entry
        evidence = f": {escape(entry.evidence)}" if entry.evidence else ""
        parts.append(
            f'<tr><th scope="row">{escape(item.title) if item else "?"}</th>'
            f"{words.status_cell(state.status)}"
            f"<td>{words.kind.get(entry.kind, '')}{evidence}</td>"
            f"<td>{words.date(entry.achieved_on)}</td>"
            f"<td>{words.date(state.expires_on) or _DASH}</td></tr>"
        )
    return mark_safe("\n".join(parts))  # every outside text is escaped


def _history_items(entries, may_record: bool, words: _Words) -> SafeString:
    """Every entry of the record, as list items, with a withdraw link for those who may."""
    parts = []
    for entry in entries:
        recorded = timezone.localtime(entry.recorded_at)
        title = escape(entry.item.title)
        evidence = f" – {escape(entry.evidence)}" if entry.evidence else ""
        by = escape(str(entry.recorded_by)) if entry.recorded_by_id else words.system
        withdraw = ""
        if may_record and entry.is_evidence:
            url = words.withdraw_url.replace(str(_PLACEHOLDER), str(entry.pk))
            withdraw = (
                f' <a href="{url}">{words.withdraw}'
                f'<span class="visually-hidden"> {title}</span></a>'
            )
        parts.append(
            f'<li><time datetime="{recorded.isoformat()}">'
            f"{format_date(recorded, words.datetime_format)}</time>"
            f"{words.kind.get(entry.kind, '')}: {title}{evidence} "
            f'<span class="muted">– {by}</span>{withdraw}</li>'
        )
    return mark_safe("\n".join(parts))  # every outside text is escaped


def profile_tables(profile, may_record: bool) -> dict[str, SafeString]:
    """The rows of the requirements and record tables and the list of all entries."""
    words = _Words()
    return {
        "requirement_rows": _requirement_rows(profile.requirement_lines, words),
        "record_rows": _record_rows(profile.record_rows, words),
        "history_items": _history_items(profile.entries, may_record, words),
    }
