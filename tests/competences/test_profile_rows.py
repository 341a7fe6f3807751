"""The competence profile's rows built in Python, and the team's summary profiles: the same
answers as the full profile, escaped, in the viewer's language."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from stegvis.competences.models import CompetenceRecord, Item, LadderPlacement, LadderStep
from stegvis.competences.profiles import build_profiles
from stegvis.competences.status import StateEntry
from tests import factories as f


def _entry(cast, item, kind="course", expires_in=None, evidence="", **fields):
    return CompetenceRecord.objects.create(
        person=cast.employee,
        item=item,
        item_identifier=item.identifier,
        kind=kind,
        achieved_on=datetime.date(2025, 3, 1),
        expires_on=(
            timezone.localdate() + datetime.timedelta(days=expires_in)
            if expires_in is not None
            else None
        ),
        evidence=evidence,
        **fields,
    )


def _profile_page(client, cast) -> str:
    response = f.english(client).get(reverse("competences:profile", args=[cast.employee.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_profile_rows_show_status_evidence_dates_and_who_recorded(cast, login):
    model = f.competence_model(cast)
    lifting = Item.objects.create(
        framework=model["common"], kind="competence", code="1.2", title="Förflyttning"
    )
    _entry(cast, lifting, kind="certificate", expires_in=30, evidence="Intyg 2025")
    html = _profile_page(login(cast.manager), cast)
    assert "Basala hygienrutiner" in html and "Awaiting confirmation" in html  # self-assessed
    assert "Formal: certificate: Intyg 2025" in html and "Expiring" in html
    assert "03/01/2025" in html  # achieved on, in the English short date format
    assert "Law or regulation" in html  # the requirement's reason
    assert "– the system" in html  # entries made without a recorder
    for entry in CompetenceRecord.objects.filter(person=cast.employee):  # both are evidence
        assert reverse("competences:record_withdraw", args=[entry.pk]) in html


def test_own_profile_has_no_withdraw_links_and_speaks_swedish(cast, login):
    model = f.competence_model(cast)
    _entry(cast, model["hygiene"], kind="course", evidence="Kursintyg")
    client = login(cast.employee)
    html = client.get(reverse("competences:profile", args=[cast.employee.pk])).content.decode()
    assert "/withdraw/" not in html
    assert "Formell: kurs: Kursintyg" in html
    assert "Formal: course" not in html


def test_profile_rows_escape_titles_and_evidence(cast, login):
    model = f.competence_model(cast)
    odd = Item.objects.create(
        framework=model["common"], kind="competence", code="9", title="<img src=x>"
    )
    _entry(cast, odd, evidence="<script>alert(1)</script>")
    html = _profile_page(login(cast.manager), cast)
    assert "<img src=x>" not in html and "<script>alert(1)</script>" not in html
    assert "&lt;img src=x&gt;" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_empty_profile_says_so(cast, login):
    html = _profile_page(login(cast.manager), cast)
    assert "Nothing recorded yet." in html and "No entries." in html
    assert "No requirements apply." in html


def test_summary_profiles_agree_with_full_ones(cast):
    """The team's summary reads entries as tuples and skips what it does not show; the
    states, the title statuses and the ladder step are the same as the full profile's."""
    model = f.competence_model(cast)
    lifting = Item.objects.create(framework=model["common"], kind="competence", title="Lyft")
    _entry(cast, lifting, kind="certificate", expires_in=-5)
    _entry(cast, lifting, kind="assessed", expires_in=20)
    withdrawn = _entry(cast, model["hygiene"], kind="course")
    _entry(cast, model["hygiene"], kind="withdrawal", refers_to=withdrawn)
    LadderPlacement.objects.create(
        person=cast.employee,
        step=LadderStep.objects.get(ladder=model["ladder"]),
        since=datetime.date(2025, 1, 1),
    )
    people = [cast.employee, cast.colleague]
    full = build_profiles(people)
    summary = build_profiles(people, summary=True)
    for person in people:
        a, b = full[person.pk], summary[person.pk]
        assert {k: (s.status, s.expires_on) for k, s in a.states.items()} == {
            k: (s.status, s.expires_on) for k, s in b.states.items()
        }
        assert [(t.employment.pk, t.meets, t.complete) for t in a.title_statuses] == [
            (t.employment.pk, t.meets, t.complete) for t in b.title_statuses
        ]
        assert a.placement == b.placement
        assert b.requirement_lines == [] and b.items == {} and b.next_step is None
    mine = summary[cast.employee.pk]
    assert all(isinstance(e, StateEntry) for e in mine.entries)
    assert mine.states[lifting.identifier].status == "expiring"
    assert full[cast.employee.pk].requirement_lines  # the full one has them
