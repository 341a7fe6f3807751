"""Strings of our dependencies that their own catalogues do not translate yet.

Listed here so that ``makemessages`` puts them in our catalogues, which take precedence.
"""

from django.utils.translation import gettext_noop

EXTRA_MESSAGES = (
    gettext_noop("- Select an option -"),  # Django 6's blank choice label
)
