import datetime

import pytest
from django.core.exceptions import ValidationError

from stegvis.people.identity import mask_identity_number, normalise_danish, normalise_swedish
from stegvis.people.phases import Phase, experience_phase

D = datetime.date


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("19900101-0017", "19900101-0017"),
        ("199001010017", "19900101-0017"),
        ("900101-0017", "19900101-0017"),
        ("900161-0014", "19900161-0014"),  # samordningsnummer: day + 60
    ],
)
def test_swedish_numbers_are_normalised(raw, expected):
    assert normalise_swedish(raw, today=D(2026, 1, 1)) == expected


@pytest.mark.parametrize("raw", ["19900101-0018", "19901301-0017", "abc", "1990-01-01"])
def test_bad_swedish_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_swedish(raw)


def test_hundred_year_olds_keep_their_century():
    assert normalise_swedish("240101+0000", today=D(2026, 1, 1)) == "19240101-0000"
    assert normalise_swedish("240101-0000", today=D(2026, 1, 1)) == "20240101-0000"


def test_danish_cpr_numbers():
    assert normalise_danish("0101901234") == "010190-1234"
    with pytest.raises(ValidationError):
        normalise_danish("3102901234")


def test_masking_hides_the_last_four_digits():
    assert mask_identity_number("19900101-0017") == "19900101-****"
    assert mask_identity_number("") == ""


@pytest.mark.parametrize(
    "start, phase",
    [
        (D(2025, 6, 1), Phase.NEW),
        (D(2024, 6, 2), Phase.NEW),  # one day short of two years
        (D(2024, 6, 1), Phase.EXPERIENCED),  # exactly two years
        (D(2021, 6, 2), Phase.EXPERIENCED),
        (D(2021, 6, 1), Phase.SENIOR),  # exactly five years
        (D(1990, 1, 1), Phase.SENIOR),
    ],
)
def test_experience_phase_boundaries(start, phase):
    assert experience_phase(start, on=D(2026, 6, 1)) == phase


def test_phase_boundaries_are_configurable(settings):
    settings.STEGVIS_PHASE_BOUNDARIES = (1, 3)
    assert experience_phase(D(2025, 1, 1), on=D(2026, 6, 1)) == Phase.EXPERIENCED
    assert experience_phase(None) is None
