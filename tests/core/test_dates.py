"""``core.dates.format_date`` writes every date and time as Django's formatter does."""

from __future__ import annotations

import datetime
import itertools
import zoneinfo

import pytest
from django.utils import dateformat, formats, translation

from stegvis.core.dates import format_date

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
DATES = [
    datetime.date(1, 1, 1),
    datetime.date(999, 12, 31),
    datetime.date(2009, 3, 5),
    datetime.date(2026, 11, 25),
    datetime.date(2028, 2, 29),
]
TIMES = [
    datetime.datetime(2026, 3, 29, 1, 59, 7, tzinfo=STOCKHOLM),
    datetime.datetime(2026, 10, 25, 23, 0, tzinfo=datetime.UTC),
    datetime.datetime(2009, 1, 2, 9, 5, 3),  # naive
    datetime.datetime(2030, 12, 31, 12, 30, tzinfo=STOCKHOLM),
]
OWN = [
    "Y-m-d",
    "j.n.y",
    "{Y}-{{m}}",  # braces are plain text to Django, not to str.format
    "d/m/Y H:i:s",
    r"\Y\e\a\r: Y, \d\a\y j",
    "G.i",
    "F j, Y",
    "N j, Y, P",
]


@pytest.mark.parametrize("language", ["sv", "da", "en"])
def test_the_shipped_formats_and_others_match_django(language):
    with translation.override(language):
        shipped = [
            formats.get_format(name)
            for name in ("SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "DATE_FORMAT")
        ]
        for fmt, value in itertools.product(shipped + OWN, DATES + TIMES):
            try:
                expected = dateformat.format(value, fmt)
            except TypeError:  # a date asked for its time
                with pytest.raises(TypeError):
                    format_date(value, fmt)
                continue
            assert format_date(value, fmt) == expected, (fmt, value)


def test_a_date_with_a_time_format_is_refused_as_django_refuses_it():
    with pytest.raises(TypeError):
        format_date(datetime.date(2026, 1, 1), "Y-m-d H:i")


def test_the_short_formats_we_ship_take_the_fast_way():
    from stegvis.core.dates import _plan

    for language in ("sv", "da"):
        with translation.override(language):
            for name in ("SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"):
                assert _plan(formats.get_format(name)) is not None, (language, name)


@pytest.mark.parametrize("language", ["sv", "da", "en"])
def test_the_templates_date_filter_is_ours_and_writes_what_djangos_writes(language, settings):
    from django.template import Context, Engine, engines
    from django.template.defaultfilters import date as djangos_date

    from stegvis.core.templatetags.fast_date import date as ours

    engine = engines["django"].engine
    assert [lib.filters.get("date") for lib in engine.template_builtins if "date" in lib.filters][
        -1
    ] is ours  # the last one loaded wins
    ours_in_use = engines["django"].from_string("{{ v|date:f }}")
    plain = Engine(libraries={}, builtins=[])  # Django's own builtins only
    theirs = plain.from_string("{{ v|date:f }}")
    values = [*DATES, *TIMES, None, "", "2026-01-01", 7, datetime.time(9, 5)]
    with translation.override(language):
        for fmt, value in itertools.product(["SHORT_DATE_FORMAT", "", "Y-m-d H:i", *OWN], values):
            context = {"v": value, "f": fmt}
            try:
                expected = theirs.render(Context(context))
            except TypeError:  # a date asked for its time
                with pytest.raises(TypeError):
                    ours_in_use.render(context)
                continue
            assert ours_in_use.render(context) == expected, (fmt, value)
        assert ours(DATES[2], "SHORT_DATE_FORMAT") == djangos_date(DATES[2], "SHORT_DATE_FORMAT")
