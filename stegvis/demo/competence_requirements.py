"""The demo's requirements: for everyone in an operating area, for everyone with a job title, and
for a number or share of the staff of one unit or of every unit of a kind.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from stegvis.competences.models import Requirement
from stegvis.organisations.models import Unit

D = datetime.date

# -- requirements -------------------------------------------------------------------------------
R = Requirement


@dataclass(frozen=True)
class Req:
    """A requirement. ``target`` is an operating-area kind (AREA), a title code (TITLE), or for
    UNIT a unit kind (every unit of that kind in the owner's part of the tree) or ``unit`` (the
    owning unit itself)."""

    owner: str
    applies: str
    framework: str
    code: str
    target: str
    reason: str
    criticality: int
    source: str
    valid_from: datetime.date
    why: str
    min_count: int | None = None
    min_share: int | None = None


REQUIREMENTS: tuple[Req, ...] = (
    Req(
        owner="fyrbodal",
        applies=R.AppliesTo.AREA,
        framework="disability",
        code="FH-5.1",
        target="disability",
        reason=R.Reason.USERS_NEEDS,
        criticality=R.Criticality.HIGH,
        source="sosfs-2014-2",
        valid_from=D(2023, 1, 1),
        why="Alla som ger stöd inom funktionshinder ska kunna förebygga och möta utmanande "
        "beteende utan tvång.",
    ),
    Req(
        owner="fyrbodal",
        applies=R.AppliesTo.AREA,
        framework="psychiatry",
        code="SP-2.1",
        target="social_psychiatry",
        reason=R.Reason.QUALITY,
        criticality=R.Criticality.MEDIUM,
        source="fyrbodal-baspersonal",
        valid_from=D(2023, 1, 1),
        why="Stödet ska utgå från personens egen återhämtning.",
    ),
    Req(
        owner="fyrbodal",
        applies=R.AppliesTo.TITLE,
        framework="elder",
        code="ÄO-7.1",
        target="underskoterska",
        reason=R.Reason.LAW,
        criticality=R.Criticality.MEDIUM,
        source="sosfs-2011-12",
        valid_from=D(2023, 1, 1),
        why="Undersköterskan är kontaktperson och dokumenterar genomförandet av insatserna.",
    ),
    Req(
        owner="fyrbodal",
        applies=R.AppliesTo.TITLE,
        framework="elder",
        code="ÄO-10.1",
        target="underskoterska",
        reason=R.Reason.QUALITY,
        criticality=R.Criticality.HIGH,
        source="fyrbodal-baspersonal",
        valid_from=D(2023, 1, 1),
        why="Undersköterskor ger läkemedel efter delegering; utbildningen krävs innan "
        "sjuksköterskan delegerar.",
    ),
    *(
        Req(
            owner="fyrbodal",
            applies=R.AppliesTo.TITLE,
            framework="health",
            code="HSL-1.3",
            target=title,
            reason=R.Reason.QUALITY,
            criticality=R.Criticality.HIGH,
            source="fyrbodal-legitimerad",
            valid_from=D(2023, 4, 1),
            why="Sjuksköterskan leder hjärt-lungräddningen tills ambulansen kommer; repeteras "
            "varje år.",
        )
        for title in ("sjukskoterska", "specialistsjukskoterska")
    ),
    Req(
        owner="fyrbodal",
        applies=R.AppliesTo.UNIT,
        framework="elder",
        code="ÄO-4.2",
        target=Unit.Kind.CARE_HOME,
        min_count=2,
        reason=R.Reason.USERS_NEEDS,
        criticality=R.Criticality.HIGH,
        source="sosfs-2011-12",
        valid_from=D(2024, 1, 1),
        why="Många boende har en demenssjukdom: minst två på varje boende ska ha utbildning i "
        "personcentrerad demensvård.",
    ),
    Req(
        owner="fyrbodal",
        applies=R.AppliesTo.UNIT,
        framework="disability",
        code="FH-4.1",
        target=Unit.Kind.GROUP_HOME,
        min_share=50,
        reason=R.Reason.USERS_NEEDS,
        criticality=R.Criticality.MEDIUM,
        source="sosfs-2014-2",
        valid_from=D(2024, 1, 1),
        why="Flera boende saknar talat språk: minst hälften av personalen ska kunna AKK.",
    ),
    Req(
        owner="uddevalla",
        applies=R.AppliesTo.AREA,
        framework="uddevalla",
        code="UDD-1.1",
        target="elder_care",
        reason=R.Reason.LOCAL,
        criticality=R.Criticality.MEDIUM,
        source="uddevalla-beslut",
        valid_from=D(2023, 1, 1),
        why="Kommunens beslut: all personal i vård och omsorg repeterar HLR varje år.",
    ),
    Req(
        owner="uddevalla-group-home",
        applies=R.AppliesTo.UNIT,
        framework="group-home",
        code="LOK-1.1",
        target="unit",
        min_count=3,
        reason=R.Reason.USERS_NEEDS,
        criticality=R.Criticality.HIGH,
        source="fyrbodal-baspersonal",
        valid_from=D(2024, 3, 1),
        why="Två av de boende har epilepsi med akut anfallsmedicin: minst tre i "
        "personalgruppen ska ha utbildning och delegering.",
    ),
    Req(
        owner="randers",
        applies=R.AppliesTo.AREA,
        framework="mental-health",
        code="MS-2.1",
        target="elder_care",
        reason=R.Reason.QUALITY,
        criticality=R.Criticality.MEDIUM,
        source="sst-mental-sundhed",
        valid_from=D(2024, 1, 1),
        why="Alle frontmedarbejdere i ældreplejen skal kunne opspore mistrivsel og ensomhed.",
    ),
)
# The region's hygiene requirement has a history: medium until 2024, high from 2025.
HYGIENE_HISTORY = (
    (D(2022, 9, 1), D(2024, 12, 31), R.Criticality.MEDIUM),
    (D(2025, 1, 1), None, R.Criticality.HIGH),
)
HYGIENE_WHY = (
    "Basal hygien gäller all personal som deltar i vård och omsorg (SOSFS 2015:10); "
    "webbutbildningen repeteras vartannat år."
)
