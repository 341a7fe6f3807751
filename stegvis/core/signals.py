"""Signals the kernel sends for higher layers to act on (core cannot import them)."""

from django.dispatch import Signal

# Sent when a signed-in user picks a language; people saves it as their preference.
language_chosen = Signal()
