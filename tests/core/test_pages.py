"""Page furniture every page relies on: CSP, vendored htmx, no inline script or style."""

import re
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [p for p in (ROOT / "stegvis").rglob("*.html")]


def test_pages_send_a_strict_content_security_policy(client, db):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert re.search(r"script-src 'self' 'nonce-[^']+'", policy)


def test_htmx_is_served_from_our_own_static_files(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert '<script src="/static/vendor/htmx.min.js"' in page
    assert "://" not in re.findall(r'<script[^>]*src="([^"]+)"', page)[0]


def test_no_template_has_inline_style_or_script():
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        assert " style=" not in text, f"inline style in {template}"
        for tag in re.findall(r"<script[^>]*>", text):
            assert "src=" in tag, f"inline script in {template}: {tag}"


def test_every_page_has_landmarks_and_a_skip_link(cast, login):
    page = login(cast.employee).get(reverse("portal:home")).content.decode()
    assert 'class="skip-link" href="#main"' in page
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in page


def test_unknown_pages_answer_404_with_our_page(cast, login):
    response = login(cast.employee).get("/no-such-page/")
    assert response.status_code == 404
    assert b"skip-link" in response.content
