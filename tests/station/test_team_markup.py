"""The team table's rows, built in Python: what they say, in the viewer's language, escaped."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import override

from stegvis.station.team import team_rows
from stegvis.station.team_markup import rows_markup
from tests import factories as f
from tests.station.test_team import team  # noqa: F401  (the fixture)


def _markup(cast, registrable=frozenset(), language="en") -> str:
    with override(language):
        return str(rows_markup(team_rows(cast.solgarden), set(registrable)))


def test_rows_say_what_each_person_needs(cast, team):  # noqa: F811
    html = _markup(cast)
    assert html.count('<tr role="row"') == 4
    assert "Basic competence missing" in html and "Vård- och omsorgsprogrammet" in html
    assert "Transitional until" in html
    assert "1 expired" in html and "1 expiring" in html
    assert "1 of 3 stops done" in html and "2 of 3 stops done" in html
    assert "Läs Socialstyrelsens riktlinjer" in html  # the overdue preparation task
    assert "2 days ahead" in html
    assert reverse("people:person", args=[team["anna"].pk]) in html
    assert reverse("courses:offering", args=[team["offering"].pk]) in html
    assert html.count('class="team-row--attention"') == 2  # Anna and Cilla


def test_rows_speak_the_viewers_language(cast, team):  # noqa: F811
    swedish = _markup(cast, language="sv")
    assert "Grundkompetens saknas" in swedish and "Behöver uppmärksamhet" in swedish
    assert "Basic competence missing" not in swedish
    danish = _markup(cast, language="da")
    assert "Needs attention" not in danish


def test_only_registrable_people_get_a_checkbox(cast, team):  # noqa: F811
    html = _markup(cast, registrable={team["bo"].pk})
    assert html.count('class="team-pick"') == 1
    assert f'value="{team["bo"].pk}" id="pick-{team["bo"].pk}"' in html
    assert "Select Bo Andersson" in html


def test_names_and_titles_are_escaped(cast, team):  # noqa: F811
    person = f.PersonFactory(
        municipality=cast.uddevalla, first_name="<script>alert(1)</script>", last_name="O'Hara"
    )
    title = f.JobTitleFactory(region=cast.region, code="escape", name='Vårdare "<b>"')
    f.EmploymentFactory(person=person, unit=cast.solgarden, job_title=title)
    html = _markup(cast, registrable={person.pk})
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "O&#x27;Hara" in html
    assert "Vårdare &quot;&lt;b&gt;&quot;" in html
