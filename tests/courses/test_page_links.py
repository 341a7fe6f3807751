"""The course and offering pages lead each role to what it may do there, and no further."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.course_factories import course_scenario

pytestmark = pytest.mark.django_db


def _body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "who, edit, participants, register_staff",
    [
        ("coordinator", True, True, False),
        ("hr", False, False, True),
        ("course_leader", False, True, False),
        ("manager", False, False, True),
        ("employee", False, False, False),
    ],
)
def test_offering_page_links_by_role(who, edit, participants, register_staff, cast, login):
    offering = course_scenario(cast)["offering"]
    body = _body(login(getattr(cast, who)), reverse("courses:offering", args=[offering.pk]))
    assert (reverse("courses:offering_edit", args=[offering.pk]) in body) is edit
    assert (reverse("courses:participants", args=[offering.pk]) in body) is participants
    assert (reverse("courses:register_staff", args=[offering.pk]) in body) is register_staff


@pytest.mark.parametrize("who, edit", [("coordinator", True), ("hr", False), ("employee", False)])
def test_course_page_offers_editing_to_its_maintainers(who, edit, cast, login):
    course = course_scenario(cast)["course"]
    body = _body(login(getattr(cast, who)), reverse("courses:course", args=[course.pk]))
    assert (reverse("courses:course_edit", args=[course.pk]) in body) is edit
