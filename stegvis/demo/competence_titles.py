"""The demo's job titles and their basic competence: tasks and career steps of the titles, the
basic-competence rules, the qualifications staff hold, and the steps of the two ladders.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

D = datetime.date

# -- job titles and basic competence ----------------------------------------------------------


@dataclass(frozen=True)
class TitleInfo:
    protected: bool
    next_level: str
    tasks: str


TITLES: dict[tuple[str, str], TitleInfo] = {
    ("fyrbodal", "vardbitrade"): TitleInfo(
        False,
        "underskoterska",
        "Ger stöd och service i vardagen: personlig omvårdnad, måltider, städning, tvätt och "
        "social samvaro. Utför hälso- och sjukvårdsuppgifter bara efter delegering.",
    ),
    ("fyrbodal", "underskoterska"): TitleInfo(
        True,
        "specialistunderskoterska",
        "Kontaktperson med ansvar för omvårdnaden; tar fram och följer upp genomförandeplaner, "
        "observerar och rapporterar förändringar i hälsan och utför delegerade uppgifter.",
    ),
    ("fyrbodal", "specialistunderskoterska"): TitleInfo(
        False,
        "",
        "Fördjupad kunskap inom ett område (t.ex. demens, psykiatri eller palliativ vård): "
        "handleder kollegor, leder reflektion och förbättringsarbete och tar emot uppgifter "
        "från legitimerad personal genom uppgiftsväxling.",
    ),
    ("fyrbodal", "stodassistent"): TitleInfo(
        False,
        "stodpedagog",
        "Ger stöd i den enskildes vardag enligt genomförandeplanen, med ett pedagogiskt och "
        "lågaffektivt förhållningssätt.",
    ),
    ("fyrbodal", "stodpedagog"): TitleInfo(
        False,
        "",
        "Leder det pedagogiska arbetet i gruppen: pedagogiska planeringar, metoder som AKK och "
        "tydliggörande pedagogik, handledning av kollegor.",
    ),
    ("fyrbodal", "personlig-assistent"): TitleInfo(
        False, "", "Ger personlig assistans utifrån den enskildes önskemål och beslut enligt LSS."
    ),
    ("fyrbodal", "boendestodjare"): TitleInfo(
        False,
        "stodpedagog-socialpsykiatri",
        "Ger praktiskt och socialt stöd i den egna bostaden med fokus på återhämtning och "
        "egen förmåga.",
    ),
    ("fyrbodal", "stodpedagog-socialpsykiatri"): TitleInfo(
        False,
        "",
        "Leder det återhämtningsinriktade arbetet, handleder kollegor och samordnar med "
        "psykiatrin och andra aktörer.",
    ),
    ("fyrbodal", "sjukskoterska"): TitleInfo(
        True,
        "specialistsjukskoterska",
        "Ansvarar för omvårdnaden i den kommunala hälso- och sjukvården, bedömer, delegerar "
        "och handleder omsorgspersonal.",
    ),
    ("fyrbodal", "specialistsjukskoterska"): TitleInfo(
        True, "", "Specialistkompetens, t.ex. i vård av äldre eller psykiatri; leder utveckling."
    ),
    ("fyrbodal", "arbetsterapeut"): TitleInfo(
        True, "", "Bedömer aktivitetsförmåga, förskriver hjälpmedel och anpassar miljön."
    ),
    ("fyrbodal", "fysioterapeut"): TitleInfo(
        True, "", "Bedömer rörelseförmåga, planerar träning och handleder i förflyttning."
    ),
    ("midtjylland", "social-og-sundhedsassistent"): TitleInfo(
        True, "", "Autoriseret sundhedsperson; sygeplejefaglige opgaver og koordinering af plejen."
    ),
    ("midtjylland", "social-og-sundhedshjaelper"): TitleInfo(
        False, "social-og-sundhedsassistent", "Personlig pleje og praktisk hjælp i hverdagen."
    ),
}

USK_FROM, USK_TRANSITION_UNTIL = D(2023, 7, 1), D(2033, 6, 30)


@dataclass(frozen=True)
class Rule:
    """A basic-competence rule; ``transition`` adds the undersköterska dates of 2023-2033."""

    title: str
    group: int
    kind: str
    code: str
    description: str
    source: str
    min_points: int | None = None
    transition: bool = False
    region: str = "fyrbodal"


VO = ("education", "vard-och-omsorgsprogrammet", "Vård- och omsorgsprogrammet")
BF = ("education", "barn-och-fritidsprogrammet", "Barn- och fritidsprogrammet")
USK = ("certificate", "usk-bevis", "Bevis om rätt att använda yrkestiteln undersköterska")
STODPEDAGOG = ("education", "yh-stodpedagog", "Yrkeshögskoleutbildning till stödpedagog")
BAS, LAG = "fyrbodal-baspersonal", "psl-usk"

# fmt: off
RULES: tuple[Rule, ...] = (
    Rule("vardbitrade", 1, *VO, BAS),
    Rule("vardbitrade", 1, "course", "vard-och-omsorg-poang",
         "Minst 200 gymnasiepoäng i vård och omsorg, t.ex. Vård- och omsorgsarbete 1", BAS,
         min_points=200),
    Rule("underskoterska", 1, *USK, LAG, transition=True),
    Rule("underskoterska", 1, "licence", "leg-sjukskoterska", "Legitimation som sjuksköterska",
         LAG, transition=True),
    Rule("underskoterska", 2, *VO, BAS),
    Rule("underskoterska", 2, "course", "vard-och-omsorg-poang",
         "Minst 1 500 gymnasiepoäng i vård- och omsorgskurser (komvux)", BAS,
         min_points=1500),
    Rule("underskoterska", 2, "licence", "leg-sjukskoterska",
         "Legitimation som sjuksköterska (sjuksköterskeutbildningen)", BAS),
    Rule("specialistunderskoterska", 1, *USK, LAG, transition=True),
    Rule("specialistunderskoterska", 2, "education", "yh-specialistusk",
         "Yrkeshögskoleutbildning till specialistundersköterska", BAS),
    Rule("stodassistent", 1, *BF, BAS),
    Rule("stodassistent", 1, *VO, BAS),
    Rule("stodpedagog", 1, *STODPEDAGOG, BAS),
    Rule("boendestodjare", 1, *VO, BAS),
    Rule("boendestodjare", 1, *BF, BAS),
    Rule("boendestodjare", 2, "course", "psykiatri-poang",
         "Psykiatri 1 och 2 (minst 300 gymnasiepoäng)", BAS, min_points=300),
    Rule("stodpedagog-socialpsykiatri", 1, *STODPEDAGOG, BAS),
    Rule("sjukskoterska", 1, "licence", "leg-sjukskoterska", "Legitimation som sjuksköterska",
         LAG),
    Rule("specialistsjukskoterska", 1, "licence", "leg-sjukskoterska",
         "Legitimation som sjuksköterska", LAG),
    Rule("specialistsjukskoterska", 2, "education", "specialistsjukskoterskeexamen",
         "Specialistsjuksköterskeexamen", LAG),
    Rule("arbetsterapeut", 1, "licence", "leg-arbetsterapeut", "Legitimation som arbetsterapeut",
         LAG),
    Rule("fysioterapeut", 1, "licence", "leg-fysioterapeut", "Legitimation som fysioterapeut",
         LAG),
    Rule("socialsekreterare", 1, "education", "socionomexamen", "Socionomexamen", BAS),
    Rule("social-og-sundhedsassistent", 1, "licence", "autorisation-sosu-assistent",
         "Autorisation som social- og sundhedsassistent", "dk-autorisation",
         region="midtjylland"),
    Rule("sygeplejerske", 1, "licence", "autorisation-sygeplejerske",
         "Autorisation som sygeplejerske", "dk-autorisation", region="midtjylland"),
    Rule("ergoterapeut", 1, "licence", "autorisation-ergoterapeut",
         "Autorisation som ergoterapeut", "dk-autorisation", region="midtjylland"),
    Rule("fysioterapeut", 1, "licence", "autorisation-fysioterapeut",
         "Autorisation som fysioterapeut", "dk-autorisation", region="midtjylland"),
)

# Qualification codes: (kind, title, issued by; "{town}" is the person's municipality)
QUALIFICATIONS: dict[str, tuple[str, str, str]] = {
    "vard-och-omsorgsprogrammet": ("education", "Vård- och omsorgsprogrammet",
                                   "Gymnasieskola i {town}"),
    "vard-och-omsorg-poang": ("course", "Kurser inom vård och omsorg (komvux)", "Komvux {town}"),
    "barn-och-fritidsprogrammet": ("education", "Barn- och fritidsprogrammet",
                                   "Gymnasieskola i {town}"),
    "psykiatri-poang": ("course", "Psykiatri 1 och 2", "Komvux {town}"),
    "usk-bevis": ("certificate", "Bevis om rätt att använda yrkestiteln undersköterska",
                  "Socialstyrelsen"),
    "yh-specialistusk": ("education", "Specialistundersköterska (yrkeshögskola)",
                         "Yrkeshögskola i Fyrbodal"),
    "yh-stodpedagog": ("education", "Stödpedagog (yrkeshögskola)", "Yrkeshögskola i Fyrbodal"),
    "leg-sjukskoterska": ("licence", "Legitimation som sjuksköterska", "Socialstyrelsen"),
    "specialistsjukskoterskeexamen": ("education", "Specialistsjuksköterskeexamen, vård av äldre",
                                      "Högskola"),
    "leg-arbetsterapeut": ("licence", "Legitimation som arbetsterapeut", "Socialstyrelsen"),
    "leg-fysioterapeut": ("licence", "Legitimation som fysioterapeut", "Socialstyrelsen"),
    "socionomexamen": ("education", "Socionomexamen", "Högskola"),
    "sosu-hjaelper": ("education", "Social- og sundhedshjælperuddannelsen",
                      "Social- og sundhedsskole"),
    "sosu-assistent": ("education", "Social- og sundhedsassistentuddannelsen",
                       "Social- og sundhedsskole"),
    "autorisation-sosu-assistent": ("licence", "Autorisation som social- og sundhedsassistent",
                                    "Styrelsen for Patientsikkerhed"),
    "paedagoguddannelse": ("education", "Pædagoguddannelsen", "Professionshøjskole"),
    "pau": ("education", "Den pædagogiske assistentuddannelse", "Erhvervsskole"),
    "autorisation-sygeplejerske": ("licence", "Autorisation som sygeplejerske",
                                   "Styrelsen for Patientsikkerhed"),
    "autorisation-ergoterapeut": ("licence", "Autorisation som ergoterapeut",
                                  "Styrelsen for Patientsikkerhed"),
    "autorisation-fysioterapeut": ("licence", "Autorisation som fysioterapeut",
                                   "Styrelsen for Patientsikkerhed"),
}
# fmt: on

# -- ladders ------------------------------------------------------------------------------------
# (name, entry criteria, package: item codes in the framework's newest version)
LICENSED_STEPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Nyexaminerad – introduktion",
        "Legitimation. Mindre än ett år i yrket eller ny i kommunal hälso- och sjukvård. "
        "Introduktion enligt kommunens program, med mentor.",
        ("HSL-1.1", "HSL-1.2", "HSL-1.3"),
    ),
    (
        "Självständig yrkesutövare",
        "Minst ett år i yrket och genomförd introduktion. Arbetar självständigt, delegerar och "
        "handleder omsorgspersonal.",
        ("HSL-2.1", "HSL-2.2", "HSL-2.1.2"),
    ),
    (
        "Fördjupad kompetens",
        "Minst tre år i yrket. Fördjupning inom ett område genom kurser eller högskolepoäng; "
        "ansvarar för området på enheten och handleder studenter.",
        ("HSL-3.1", "HSL-3.2"),
    ),
    (
        "Specialist",
        "Specialistutbildning eller motsvarande kompetens. Leder förbättringsarbete, medverkar i "
        "kompetensplanering och uppgiftsväxling.",
        ("HSL-4.1", "HSL-4.2", "HSL-4.3"),
    ),
)
CARE_STEPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Vårdbiträde – grund",
        "Anställd i vård och omsorg. Introduktion och den generella baskunskapen för alla.",
        ("ÄO-1.1", "ÄO-6.1", "ÄO-7.1", "ÄO-9.1"),
    ),
    (
        "Undersköterska",
        "Vård- och omsorgsprogrammet och bevis om yrkestiteln undersköterska.",
        ("ÄO-4.1", "ÄO-8.1", "ÄO-10.1", "ÄO-12.1", "ÄO-13.1"),
    ),
    (
        "Specialistundersköterska",
        "Undersköterska med några års erfarenhet och yrkeshögskoleutbildning till "
        "specialistundersköterska.",
        ("ÄO-4.2", "ÄO-4.2.3", "ÄO-5.2", "ÄO-13.1.3"),
    ),
)
