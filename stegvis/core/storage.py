"""Static files in production: whitenoise's compressed, hashed storage, with each URL kept.

A page asks for about ten static URLs (``{% static %}``), and the manifest storage works each
out again on every request (clean the name, look it up, join the URL: about 20 µs each). The
manifest does not change while a process runs, so each name's URL is kept after its first
use; ``collectstatic`` (which rebuilds the manifest) starts afresh.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        self._urls: dict[str, str] = {}
        super().__init__(*args, **kwargs)

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url

    def post_process(self, *args, **kwargs):
        self._urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._urls.clear()
