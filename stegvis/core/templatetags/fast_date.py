"""The ``date`` filter, loaded as a builtin after Django's (``TEMPLATES`` in settings) so every
template's ``|date`` writes numeric formats through ``core.dates.format_date``: the same text
as Django's filter, without its per-value formatter set-up (a team overview's course list
formats some 400 dates)."""

from __future__ import annotations

from django import template
from django.utils import dateformat, formats

from stegvis.core.dates import format_date

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Format a date according to the given format (Django's ``date`` filter)."""
    if value in (None, ""):
        return ""
    try:
        return format_date(value, formats.get_format(arg or "DATE_FORMAT"))
    except AttributeError:
        try:
            return dateformat.format(value, arg)
        except AttributeError:
            return ""
