"""Production's static storage keeps each hashed URL, and ``collectstatic`` renews them."""

from __future__ import annotations

import re

from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _collect():
    call_command("collectstatic", interactive=False, verbosity=0)


def test_urls_are_kept_until_collectstatic_runs_again(tmp_path, settings):
    source = tmp_path / "source"
    (source / "css").mkdir(parents=True)
    (source / "css" / "site.css").write_text("body { color: #222; }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "root"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "stegvis.core.storage.StaticFilesStorage"},
    }
    from django.contrib.staticfiles.storage import staticfiles_storage

    _collect()
    first = staticfiles_storage.url("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", first)
    assert first == CompressedManifestStaticFilesStorage().url("css/site.css")  # whitenoise's
    assert staticfiles_storage._urls == {"css/site.css": first}
    assert staticfiles_storage.url("css/site.css") is first  # kept

    (source / "css" / "site.css").write_text("body { color: #000; }")
    _collect()
    second = staticfiles_storage.url("css/site.css")
    assert second != first
    assert second == CompressedManifestStaticFilesStorage().url("css/site.css")

    settings.DEBUG = True  # unhashed names while debugging, as Django gives them
    assert staticfiles_storage.url("css/site.css") == "/static/css/site.css"
