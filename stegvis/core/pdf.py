"""PDF documents: every export prints an HTML string with a stylesheet string (WeasyPrint) and
fetches nothing from outside, so a document cannot be made to read a file or call a server.

The shared page set-up (A4, fonts, running header, page numbers, tables) is the template
``core/pdf_base.css``; each document's stylesheet includes it and adds its own rules.
"""

from __future__ import annotations


def no_fetcher():
    """A URL fetcher that fetches nothing, built without the HTTP handlers and SSL context of
    WeasyPrint's own, which cost ~0.1 s to set up."""
    from weasyprint.urls import URLFetcher

    class NoFetcher(URLFetcher):
        def __init__(self):  # URLFetcher.__init__'s handlers would never be used
            self._fail_on_errors = False

        def fetch(self, url, headers=None):
            raise ValueError(f"a Stegvis PDF fetches nothing: {url[:80]}")

    return NoFetcher()


def write_pdf(html: str, css: str) -> bytes:
    """The PDF's bytes for ``html`` printed with ``css``."""
    # Imported here: loading pango costs time, and only the exports need it.
    from weasyprint import CSS, HTML

    refuse = no_fetcher()
    stylesheet = CSS(string=css, url_fetcher=refuse)
    return HTML(string=html, url_fetcher=refuse).write_pdf(stylesheets=[stylesheet])
