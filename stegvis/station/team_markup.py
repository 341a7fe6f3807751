"""The team overview's table rows, built once in Python.

A 40-person team has some 320 cells with translated words, dates and links. Through template
tags and an ``{% include %}`` per row they cost more than reading all the data, so, as the
matrix does (``matrix_heatmap.py``), the rows are made here with f-strings. The words are the
same msgids the template used, so the translations stay. Every text that is not ours (names,
titles, descriptions, translations) goes through ``escape``.
"""

from __future__ import annotations

from html import escape  # the standard library's: Django's lazy-aware one costs 5x per call

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stegvis.core.dates import format_date

from .team import Basic, TeamRow

_PLACEHOLDER = 2_147_483_647


class _Words:
    """Translated words and formats looked up once per table, not once per row."""

    def __init__(self):
        self.date_format = formats.get_format("SHORT_DATE_FORMAT")
        self.labels = {
            key: escape(text)
            for key, text in {
                "phase": _("Phase"),
                "title": _("Job title and basic competence"),
                "ladder": _("Ladder step"),
                "journey": _("Journey"),
                "days": _("Course days"),
                "overdue": _("Overdue tasks"),
                "expiring": _("Expiring competence"),
            }.items()
        }
        self.text = {
            key: escape(text)
            for key, text in {
                "attention": _("Needs attention"),
                "not_known": _("Not known"),
                "met": _("Meets the basic competence"),
                "transitional": _("Transitional"),
                "missing": _("Basic competence missing"),
                "no_basic": _("No basic competence set"),
                "or": _("or"),
                "not_placed": _("Not placed"),
                "no_journey": _("No journey"),
                "none_booked": _("None booked"),
                "none": _("None"),
            }.items()
        }
        self.person_url = reverse("people:person", args=[_PLACEHOLDER])
        self.offering_url = reverse("courses:offering", args=[_PLACEHOLDER])

    def date(self, value) -> str:
        return format_date(value, self.date_format)

    def url(self, pattern: str, pk: int) -> str:
        return pattern.replace(str(_PLACEHOLDER), str(pk))


def _person(row: TeamRow, words: _Words, registrable: set[int]) -> str:
    person = row.person
    pick = ""
    if person.pk in registrable:
        label = escape(_("Select %(name)s") % {"name": person.full_name})
        pick = (
            f'<input type="checkbox" class="team-pick" name="people" value="{person.pk}" '
            f'id="pick-{person.pk}"><label for="pick-{person.pk}" class="visually-hidden">'
            f"{label}</label>"
        )
    flag = (
        f'<span class="team-flag">{words.text["attention"]}</span>' if row.needs_attention else ""
    )
    return (
        f'<th scope="row" role="rowheader"><span class="team-person">{pick}'
        f'<a href="{words.url(words.person_url, person.pk)}">{escape(person.last_name)}, '
        f"{escape(person.first_name)}</a></span>{flag}</th>"
    )


def _basic(row: TeamRow, words: _Words) -> str:
    basic = row.basic
    if basic == Basic.MET:
        return f'<span class="status status--met">{words.text["met"]}</span>'
    if basic == Basic.TRANSITIONAL:
        until = row.basic_until
        text = (
            escape(_("Transitional until %(d)s") % {"d": words.date(until)})
            if until
            else words.text["transitional"]
        )
        return f'<span class="status status--expiring">{text}</span>'
    if basic == Basic.MISSING:
        missing = "; ".join(
            f" {words.text['or']} ".join(escape(rule.description) for rule in group.rules)
            for group in row.title_status.missing
        )
        return (
            f'<span class="status status--missing">{words.text["missing"]}</span> '
            f'<span class="team-detail">{missing}</span>'
        )
    return f'<span class="muted">{words.text["no_basic"]}</span>'


def _journey(row: TeamRow, words: _Words) -> str:
    if row.journey is None:
        return f'<span class="muted">{words.text["no_journey"]}</span>'
    total = row.journey_total
    text = escape(
        ngettext("%(done)s of %(counter)s stop done", "%(done)s of %(counter)s stops done", total)
        % {"done": row.journey_done, "counter": total}
    )
    current = row.journey.current
    if current is not None:
        text += f'<span class="team-detail">{escape(current.title)}</span>'
    return text


def _course_days(row: TeamRow, words: _Words) -> str:
    if row.next_day is None:
        return f'<span class="muted">{words.text["none_booked"]}</span>'
    registration = row.next_day_registration
    starts = timezone.localtime(row.next_day.starts_at)
    ahead = escape(
        ngettext("%(counter)s day ahead", "%(counter)s days ahead", row.upcoming_days)
        % {"counter": row.upcoming_days}
    )
    return (
        f'<a href="{words.url(words.offering_url, registration.offering_id)}">'
        f"{words.date(starts)} {format_date(starts, 'H:i')}</a> "
        f'<span class="team-detail">{escape(registration.offering.display_title)}</span> '
        f'<span class="team-detail">{ahead}</span>'
    )


def _overdue(row: TeamRow, words: _Words) -> str:
    if not row.overdue:
        return f'<span class="muted">{words.text["none"]}</span>'
    count = escape(
        ngettext("%(counter)s overdue", "%(counter)s overdue", len(row.overdue))
        % {"counter": len(row.overdue)}
    )
    items = "".join(
        f'<li>{escape(item.task.title)} <span class="muted">('
        f"{escape(str(item.task.get_part_display()))}, "
        f"{escape(item.registration.offering.display_title)})</span></li>"
        for item in row.overdue
    )
    return (
        f'<details class="team-overdue"><summary><span class="status status--missing">'
        f"{count}</span></summary><ul>{items}</ul></details>"
    )


def _expiry(row: TeamRow, words: _Words) -> str:
    if not (row.expired_count or row.expiring_count):
        return f'<span class="muted">{words.text["none"]}</span>'
    parts = []
    if row.expired_count:
        text = ngettext("%(counter)s expired", "%(counter)s expired", row.expired_count)
        parts.append(
            f'<span class="status status--expired">'
            f"{escape(text % {'counter': row.expired_count})}</span>"
        )
    if row.expiring_count:
        text = ngettext("%(counter)s expiring", "%(counter)s expiring", row.expiring_count)
        parts.append(
            f'<span class="status status--expiring">'
            f"{escape(text % {'counter': row.expiring_count})}</span>"
        )
    if row.nearest_expiry:
        earliest = _("earliest %(d)s") % {"d": words.date(row.nearest_expiry)}
        parts.append(f'<span class="team-detail">{escape(earliest)}</span>')
    return " ".join(parts)


def _row(row: TeamRow, words: _Words, registrable: set[int]) -> str:
    label = words.labels
    if row.phase:
        phase = escape(str(row.phase.label))
    else:
        phase = f'<span class="muted">{words.text["not_known"]}</span>'
    placement = (
        escape(row.placement.step.name)
        if row.placement
        else f'<span class="muted">{words.text["not_placed"]}</span>'
    )
    attention = ' class="team-row--attention"' if row.needs_attention else ""
    return (
        f'<tr role="row"{attention}>{_person(row, words, registrable)}'
        f'<td role="cell" data-label="{label["phase"]}">{phase}</td>'
        f'<td role="cell" data-label="{label["title"]}">'
        f"{escape(row.employment.job_title.name)}<br>{_basic(row, words)}</td>"
        f'<td role="cell" data-label="{label["ladder"]}">{placement}</td>'
        f'<td role="cell" data-label="{label["journey"]}">{_journey(row, words)}</td>'
        f'<td role="cell" data-label="{label["days"]}">{_course_days(row, words)}</td>'
        f'<td role="cell" data-label="{label["overdue"]}">{_overdue(row, words)}</td>'
        f'<td role="cell" data-label="{label["expiring"]}">{_expiry(row, words)}</td></tr>'
    )


def rows_markup(rows: list[TeamRow], registrable: set[int]) -> SafeString:
    """The ``<tr>`` of every row, in the current language."""
    words = _Words()
    return mark_safe("\n".join(_row(row, words, registrable) for row in rows))  # escaped above
