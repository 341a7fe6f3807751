"""The demo's offerings and events, placed in days from the day the demo is seeded.

The courses themselves are in ``course_content.py``; ``courses.py`` creates both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventSpec:
    kind: str
    owner: str
    title: str
    description: str
    audience: str
    place: str
    language: str = "sv"


def _text(text: str) -> str:
    return " ".join(text.split())


LAUNCH_DAY = EventSpec(
    "launch_day",
    "fyrbodal",
    "Lansering: Modell för kunskap, kompetens och kvalitet för baspersonal i Fyrbodals 14 kommuner",
    _text("""
    En eftermiddag om den nya modellen och hur vi inför den. Arbetsgruppen hälsar välkomna,
    modellen presenteras som helhet, kommunerna visar praktiska exempel på genomförandet och
    nyttan, och vi diskuterar det fortsatta implementeringsarbetet. Fika ingår för dig som deltar
    på plats; digitala deltagare får en länk några dagar innan. Begränsat antal platser på plats,
    först till kvarn. Anmälan är bindande men inte personlig: en kollega kan ta din plats."""),
    _text("""
    Socialchefer och förvaltningschefer, avdelnings- och enhetschefer, verksamhetsutvecklare,
    HR, fackliga representanter och politiker; vård- och omsorgscollege och rektorer för vård-
    och omsorgsprogrammet och barn- och fritidsprogrammet."""),
    "Quality Hotel, Vänersborg",
)
THEME_DAY = EventSpec(
    "theme_day",
    "fyrbodal",
    "Temadag: från kurs till förändrad praktik",
    _text("""
    Vad krävs för att kunskap från en kurs ska leda till varaktig förändring i vardagen? Dagen
    varvar föredrag om forskningen om effektiva kompetensinsatser med erfarenhetsutbyte mellan
    kommunerna och tid att planera den egna kommunens struktur för vardagslärande. Ett par
    månader efter temadagen följer en digital uppföljningsdag."""),
    "Enhetschefer, verksamhetsutvecklare och HR i Fyrbodals kommuner.",
    "Innovatum, Trollhättan",
)
THEME_FOLLOW_UP = EventSpec(
    "follow_up_day",
    "fyrbodal",
    "Uppföljningsdag: från kurs till förändrad praktik",
    "Hur har det gått med planerna från temadagen, vad har fungerat och vad behövs för att komma "
    "vidare?",
    "Deltagarna från temadagen.",
    "",
)
DANISH_THEME_DAY = EventSpec(
    "theme_day",
    "Randers",
    "Temadag om kompetenceudvikling af frontpersonale",
    _text("""
    Hvordan påvirker den nye velfærdsdagsorden medarbejdernes opgaver, hvilke krav stiller
    forebyggelsespakkerne til frontpersonalets kompetencer, og hvad skal der til, for at viden fra
    et kompetenceforløb fører til varig forandring af praksis? Oplæg, erfaringsudveksling og tid
    til at planlægge kommunens eget kompetenceudviklingsprogram."""),
    "Ledere, udviklingskonsulenter og HR i Randers Kommune.",
    "Randers Rådhus",
    "da",
)
DANISH_FOLLOW_UP = EventSpec(
    "follow_up_day",
    "Randers",
    "Opfølgningsdag: kompetenceudvikling af frontpersonale",
    "Et par måneder efter temadagen: opfølgende rådgivning om arbejdet med kompetenceudvikling af "
    "frontpersonalet.",
    "Deltagerne fra temadagen.",
    "Randers Rådhus",
    "da",
)

# Where the joint courses meet: the course leader's town.
PLACES = {
    "Uddevalla": "Folkets hus, Uddevalla",
    "Trollhättan": "Innovatum, Trollhättan",
    "Vänersborg": "Fyrbodals kommunalförbund, Vänersborg",
    "Lysekil": "Kommunhuset, Lysekil",
    "Åmål": "Folkets hus, Åmål",
    "Randers": "Randers Rådhus",
}


@dataclass(frozen=True)
class Plan:
    """One offering: its days as (days from today, from hour, to hour), seats and participants."""

    key: str
    days: tuple[tuple[int, int, int], ...]
    course: str = ""
    event: EventSpec | None = None
    attendance: str = "on_site"  # or "hybrid" or "digital"
    seats: int | None = 24
    digital: int | None = None  # None: no limit
    people: int = 12  # generated participants, besides the demo logins placed in the story
    pool: str = "staff"  # or "leaders": managers and HR officers
    leaders: tuple[str, ...] = ()  # "jonas", a course leader's town, "nurse" or "senior"
    quotas: tuple[tuple[str, int], ...] = ()
    promotion: str = "confirm"
    follows: str = ""
    closes: int = 7  # registration closes this many days before the first day


# The offerings, in the order they are created (a follow-up day after the day it follows).
# fmt: off
PLANS = (
    Plan("vardegrund-past", ((-56, 9, 16),), "vardegrund", seats=30, people=12,
         leaders=("Vänersborg",)),
    Plan("demens-past", ((-70, 9, 16), (-63, 9, 16)), "demens", seats=20, people=9,
         leaders=("Trollhättan", "senior")),
    Plan("lagaffektivt", ((0, 9, 15), (14, 9, 15)), "lagaffektivt", people=12, leaders=("jonas",)),
    Plan("hlr-brand", ((8, 8, 12),), "hlr-brand", seats=16, people=8, leaders=("senior",)),
    Plan("lakemedel", ((12, 8, 16), (19, 8, 12)), "lakemedel", people=8, leaders=("nurse",)),
    Plan("dokumentation", ((15, 13, 16),), "dokumentation", seats=20, people=8,
         leaders=("senior",)),
    Plan("psykisk-ohalsa", ((16, 9, 16),), "psykisk-ohalsa", seats=12, people=14,
         leaders=("Lysekil",), promotion="offer"),
    Plan("hygien", ((17, 9, 12),), "hygien", attendance="hybrid", seats=25, people=12,
         leaders=("Vänersborg",)),
    Plan("leda-larande", ((19, 13, 16),), "leda-larande", attendance="digital", seats=None,
         digital=40, people=8, pool="leaders", leaders=("Vänersborg",)),
    Plan("opsporing", ((20, 9, 15),), "opsporing", seats=20, people=8, leaders=("Randers",)),
    Plan("demens", ((21, 9, 16), (28, 9, 16)), "demens", seats=14, people=18,
         leaders=("Trollhättan", "senior")),
    Plan("vardegrund", ((24, 9, 16),), "vardegrund", seats=30, people=14, leaders=("Vänersborg",),
         quotas=(("Uddevalla", 8), ("Trollhättan", 8), ("Vänersborg", 6))),
    Plan("aterhamtning", ((26, 9, 16), (27, 9, 16)), "aterhamtning", seats=20, people=8,
         leaders=("Åmål",)),
    Plan("lss", ((31, 9, 16),), "lss", seats=25, people=8, leaders=("jonas",)),
    Plan("hsl-steg-1", ((33, 8, 16), (34, 8, 16)), "hsl-steg-1", seats=20, people=6,
         leaders=("nurse",)),
    Plan("motiverende-samtale", ((36, 9, 15),), "motiverende-samtale", seats=16, people=6,
         leaders=("Randers",)),
    Plan("akk", ((38, 9, 16), (52, 9, 12)), "akk", seats=20, people=8, leaders=("jonas",)),
    Plan("palliativ", ((45, 9, 16), (52, 9, 16)), "palliativ", attendance="hybrid", seats=20,
         people=8, leaders=("Lysekil", "nurse")),
    Plan("lansering", ((40, 13, 16),), event=LAUNCH_DAY, attendance="hybrid", seats=80,
         people=12, pool="leaders", closes=17),
    Plan("temadag", ((30, 9, 16),), event=THEME_DAY, attendance="hybrid", seats=60, people=8,
         pool="leaders"),
    Plan("temadag-uppfoljning", ((121, 9, 12),), event=THEME_FOLLOW_UP, attendance="digital",
         seats=None, people=0, pool="leaders", follows="temadag"),
    Plan("temadag-randers", ((50, 9, 15),), event=DANISH_THEME_DAY, seats=40, people=6,
         pool="leaders"),
    Plan("opfolgning-randers", ((113, 9, 12),), event=DANISH_FOLLOW_UP, seats=40, people=0,
         pool="leaders", follows="temadag-randers"),
)
# fmt: on
