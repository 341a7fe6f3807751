"""The demo's named people, by login email: the seed modules tell their stories around them.

``generate.LOGINS`` lists every documented demo login with its role; these are the ones the
course, competence and development seeds refer to by name.
"""

from __future__ import annotations

ANNA = "anna.lindqvist@uddevalla.demo"  # employee, Uddevalla
MARIA = "maria.berg@uddevalla.demo"  # manager, Uddevalla
JONAS = "jonas.ekberg@uddevalla.demo"  # course leader, Uddevalla
METTE = "mette.jensen@randers.demo"  # employee, Randers
LARS = "lars.nielsen@randers.demo"  # leader, Randers
