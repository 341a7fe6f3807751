"""The coordinator's pages: counts without names, filters, quota suggestion, confirming."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stegvis.courses.models import Offering
from stegvis.regionplan.models import JointPlan
from tests import factories as f
from tests.regionplan.helpers import (
    cached_scenario,
    days,
    offering,
    person,
    planned,
    scenario,
    waiting,
)
from tests.regionplan.querycounts_regionplan import grow

pytestmark = pytest.mark.django_db


def _client(cast, login):
    return f.english(login(cast.coordinator))


def test_plan_page_shows_counts_per_course_and_never_names(cast, login):
    s = scenario(cast)
    waiting(offering(s["course"], seats=0), person(cast.ekbacken, "Vendela"))
    planned(person(cast.solgarden, "Petronella"), cast.solgarden, course=s["course"])
    page = _client(cast, login).get(reverse("regionplan:plan", args=[s["plan"].pk]))
    html = page.content.decode()
    assert "Demensvård" in html and "<svg" in html
    for name in ("Vendela", "Petronella", "Anna", "Lindqvist"):
        assert name not in html
    row = page.context["table"].rows[0]
    assert (row.gaps, row.plans, row.waiting) == (3, 1, 1)


def test_filters_answer_htmx_with_the_results_only(cast, login):
    s = scenario(cast)
    planned(person(cast.solgarden), cast.solgarden, course=s["course"])
    url = reverse("regionplan:plan", args=[s["plan"].pk])
    client = _client(cast, login)
    response = client.get(url, {"municipality": cast.vanersborg.pk}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="plan-results"') and "<h1" not in html
    assert response.context["table"].rows == []  # no demand in Vänersborg's elder care
    s["course"].area_kinds = ["disability"]
    s["course"].save()
    response = client.get(url, {"area": "elder_care"})
    assert "Demensvård" not in response.content.decode().split('id="plan-results"')[1]


def test_a_course_opens_per_municipality(cast, login):
    s = scenario(cast)
    url = reverse("regionplan:plan_course", args=[s["plan"].pk, s["course"].pk])
    response = _client(cast, login).get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Uddevalla" in html and "Vänersborg" in html and "<h1" not in html


def test_the_form_suggests_quotas_from_demand_and_saves_the_proposal(cast, login):
    s = scenario(cast)
    for name in ("A", "B", "C"):
        waiting(offering(s["course"], seats=0, first_day=35), person(cast.ekbacken, name))
    client = _client(cast, login)
    url = reverse("regionplan:proposal_add", args=[s["plan"].pk])
    form = {
        "course": s["course"].pk,
        "attendance": "on_site",
        "seats_on_site": 4,
        "place": "Folkets hus",
        "first_day": days(60).isoformat(),
        "day_count": 2,
        "days_apart": 7,
        "starts_at": "09:00",
        "ends_at": "16:00",
        "closes_on": days(40).isoformat(),
    }
    response = client.post(url, {**form, "suggest": "1"})
    suggested = response.context["form"].data
    # Demand: Uddevalla 2 (gaps), Vänersborg 3 (waiting): 4 seats shared 2 + 2.
    assert (suggested[f"quota_{cast.uddevalla.pk}"], suggested[f"quota_{cast.vanersborg.pk}"]) == (
        "2",
        "2",
    )
    assert not s["plan"].proposals.exists()
    response = client.post(url, {**form, f"quota_{cast.vanersborg.pk}": 3})
    assert response.status_code == 302
    proposal = s["plan"].proposals.get()
    assert {q.municipality: q.seats for q in proposal.quotas.all()} == {cast.vanersborg: 3}


def test_confirming_from_the_page_creates_the_offerings(cast, login):
    s = cached_scenario(cast)
    client = _client(cast, login)
    response = client.post(reverse("regionplan:plan_confirm", args=[s["plan"].pk]))
    assert response.status_code == 302
    assert JointPlan.objects.get().status == "confirmed"
    assert Offering.objects.filter(course=s["course"]).count() == 1


def test_a_refused_confirmation_says_why_and_creates_nothing(cast, login):
    s = cached_scenario(cast)
    s["proposal"].closes_on = days(-2)
    s["proposal"].save()
    response = _client(cast, login).post(reverse("regionplan:plan_confirm", args=[s["plan"].pk]))
    assert response.status_code == 400
    assert "could not be created" in response.content.decode()
    assert not Offering.objects.exists()


def test_removing_a_proposal(cast, login):
    s = cached_scenario(cast)
    client = _client(cast, login)
    client.post(reverse("regionplan:proposal_delete", args=[s["proposal"].pk]))
    assert not s["plan"].proposals.exists()


def test_a_new_plan_for_the_next_term(cast, login):
    client = _client(cast, login)
    response = client.post(
        reverse("regionplan:plan_create"),
        {"region": cast.region.pk, "kind": "spring", "year": 2031},
    )
    plan = JointPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert (plan.kind, plan.starts_on.isoformat(), plan.ends_on.isoformat()) == (
        "spring",
        "2031-01-01",
        "2031-06-30",
    )
    assert "Spring 2031" in client.get(response["Location"]).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_plan_page_queries_stay_the_same_at_several_sizes(cast, login):
    s = cached_scenario(cast)
    client = _client(cast, login)
    url = reverse("regionplan:plan", args=[s["plan"].pk])
    client.get(url)
    counts = []
    for step in (1, 3, 6):
        grow(cast, step)
        counts.append(_queries(client, url))
    assert len(set(counts)) == 1, counts
    assert len(s["plan"].region.municipalities.all()) == 12
    assert s["plan"].proposals.count() == 11


def test_changing_a_proposal_keeps_its_course_and_suggests_quotas(cast, login):
    s = cached_scenario(cast)
    client = _client(cast, login)
    url = reverse("regionplan:proposal_edit", args=[s["proposal"].pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"first_day": days(60).isoformat(), "closes_on": days(45).isoformat()})
    data.update({"starts_at": "09:00", "ends_at": "16:00", "seats_on_site": 6, "suggest": "1"})
    suggested = client.post(url, data).context["form"]
    assert suggested["course"].value() == s["course"].pk
    assert suggested[f"quota_{cast.uddevalla.pk}"].value() == "2"  # Anna and Maria lack it
    data.pop("suggest")
    assert client.post(url, data).status_code == 302
    s["proposal"].refresh_from_db()
    assert (s["proposal"].seats_on_site, s["proposal"].course) == (6, s["course"])
