"""The main menu: exactly the entries the user's roles allow, the current page marked once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stegvis.portal.context_processors import MENU

pytestmark = pytest.mark.django_db

ENTRY = re.compile(r'<nav class="site-nav".*?</nav>', re.S)


def _menu_links(html: str) -> list[tuple[str, bool]]:
    nav = ENTRY.search(html).group(0)
    return [
        (href, current == ' aria-current="page"')
        for href, current in re.findall(r'<a href="([^"]+)"( aria-current="page")?>', nav)
    ]


@pytest.mark.parametrize(
    ("who", "present", "absent"),
    [
        ("employee", ["people:me", "courses:catalogue"], ["station:index", "people:staff"]),
        ("manager", ["station:index", "development:rounds"], ["organisations:roles"]),
        ("hr", ["gaps:index", "funding:grants", "people:staff"], ["regionplan:plans"]),
        ("coordinator", ["regionplan:plans"], ["strategy:index"]),
    ],
)
def test_each_role_sees_its_entries_and_not_others(cast, login, who, present, absent):
    from stegvis.organisations.scope import has_capability

    client = login(getattr(cast, who))
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    links = [href for href, _current in _menu_links(page.content.decode())]
    user = cast.user(who)
    allowed = [
        reverse(name)
        for name, _label, capability in MENU
        if capability is None or has_capability(user, capability)
    ]
    assert links == allowed
    for name in present:
        assert reverse(name) in links, name
    for name in absent:
        assert reverse(name) not in links, name


def test_only_the_most_specific_entry_is_current(cast, login):
    client = login(cast.manager)
    page = client.get(reverse("station:index"))
    current = [href for href, is_current in _menu_links(page.content.decode()) if is_current]
    assert current == [reverse("station:index")]
    home = client.get(reverse("portal:home"))
    current = [href for href, is_current in _menu_links(home.content.decode()) if is_current]
    assert current == [reverse("portal:home")]
