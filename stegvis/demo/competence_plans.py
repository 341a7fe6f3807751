"""Which competences demo staff have: per framework, the share of staff with each competence and
how it was gained; what an education counts as; and the evidence of licensed staff's ladder.
"""

from __future__ import annotations

# -- which competences demo staff have -----------------------------------------------------------
COURSE, ASSESSED, SELF = "course", "assessed", "self"
# framework key -> (item code, share of staff, kind, evidence, valid for years)
PLANS: dict[str, tuple[tuple[str, float, str, str, int | None], ...]] = {
    "elder": (
        ("ÄO-9.1", 0.88, COURSE, "Webbutbildning: Basal hygien i vård och omsorg", 2),
        ("ÄO-10.1", 0.72, COURSE, "Läkemedelsutbildning inför delegering", None),
        ("ÄO-10.2", 0.30, COURSE, "Delegeringsutbildning: blodsocker och insulin", None),
        ("ÄO-4.1", 0.45, COURSE, "Webbutbildning om demenssjukdomar", None),
        ("ÄO-4.2", 0.30, COURSE, "Fyrbodalgemensam kurs: Personcentrerad demensvård", None),
        ("ÄO-13.1", 0.30, COURSE, "Kurs: Palliativ vård i livets slutskede", None),
        ("ÄO-1.2", 0.35, COURSE, "Värdegrundsdag: etiska dilemman i omsorgen", None),
        ("ÄO-7.2", 0.30, COURSE, "Workshop: Genomförandeplanen", None),
        ("ÄO-12.1", 0.30, COURSE, "Webbutbildning: Förebygga fall", None),
        ("ÄO-5.1", 0.20, COURSE, "Temadag: Psykisk ohälsa hos äldre", None),
        ("ÄO-12.2", 0.25, ASSESSED, "Förflyttningsteknik bedömd av fysioterapeut", None),
        ("ÄO-8.2", 0.15, ASSESSED, "Bedömd i praktiken av arbetsterapeut", None),
        ("ÄO-11.2", 0.12, ASSESSED, "Munvård bedömd vid tandhygienistens besök", None),
        ("ÄO-6.2", 0.10, SELF, "Egen bedömning efter arbete med syn- och hörselnedsatta", None),
        ("ÄO-6.3", 0.08, SELF, "Egen bedömning: anhörigsamtal", None),
    ),
    "uddevalla": (
        ("UDD-1.1", 0.85, COURSE, "HLR vuxen med hjärtstartare", 1),
        ("UDD-1.2", 0.60, COURSE, "Brandskyddsutbildning", 3),
        ("UDD-2.1", 0.35, COURSE, "Introduktion i digital tillsyn och trygghetslarm", None),
    ),
    "disability": (
        ("FH-5.1", 0.68, COURSE, "Fyrbodalgemensam kurs: Lågaffektivt bemötande", None),
        ("FH-4.1", 0.50, COURSE, "Kurs: AKK – tecken som stöd och bildstöd", None),
        ("FH-2.2", 0.40, COURSE, "Utbildning: Rättigheter och begränsningsåtgärder", None),
        ("FH-6.1", 0.40, COURSE, "Kurs: Tydliggörande pedagogik", None),
        ("FH-1.2", 0.35, COURSE, "Webbutbildning: Autism och adhd", None),
        ("FH-7.2", 0.30, COURSE, "Workshop: Genomförandeplanen enligt LSS", None),
        ("FH-5.2", 0.25, COURSE, "Utbildning: Hot och våld i arbetet", 3),
        ("FH-3.1", 0.15, ASSESSED, "Bedömd i praktiken av stödpedagog", None),
        ("FH-4.2", 0.10, SELF, "Egen bedömning: lättläst information", None),
        ("FH-8.1", 0.10, SELF, "Egen bedömning: stöd till hälsosamma vanor", None),
    ),
    "group-home": (
        ("LOK-1.1", 0.45, COURSE, "Epilepsiutbildning och delegering av anfallsmedicin", 1),
        ("LOK-1.2", 0.60, COURSE, "Husets tecken – introduktion", None),
    ),
    "psychiatry": (
        ("SP-2.1", 0.60, COURSE, "Kurs: Återhämtningsinriktat arbetssätt", None),
        ("SP-1.1", 0.50, COURSE, "Webbutbildning: Psykiatriska tillstånd", None),
        ("SP-3.1", 0.45, COURSE, "Utbildning i suicidprevention", None),
        ("SP-4.1", 0.30, COURSE, "Kurs: SIP – samordnad individuell plan", None),
        ("SP-1.2", 0.25, SELF, "Egen bedömning: samsjuklighet", None),
    ),
    "mental-health": (
        ("MS-1.1", 0.45, COURSE, "Temadag om mental sundhed, Randers Kommune", None),
        ("MS-2.1", 0.35, COURSE, "Kursus: Tidlig opsporing af mistrivsel", None),
        ("MS-3.1", 0.20, COURSE, "Kursus: Henvisning til tilbud og fællesskaber", None),
        ("MS-3.2", 0.15, SELF, "Egen vurdering: den motiverende samtale", None),
    ),
    "group-home-da": (
        ("LT-1.2", 0.50, COURSE, "Vidensdeling på personalemøde efter kursus", None),
    ),
}
# What an education counts as, per framework: education code -> (framework key, item codes)
EDUCATION_COVERS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "vard-och-omsorgsprogrammet": (
        ("elder", ("ÄO-1.1", "ÄO-2.1", "ÄO-3.1", "ÄO-6.1", "ÄO-7.1", "ÄO-8.1")),
        ("disability", ("FH-1.1", "FH-2.1")),
        ("psychiatry", ("SP-1.1",)),
    ),
    "barn-och-fritidsprogrammet": (
        ("disability", ("FH-1.1", "FH-3.1", "FH-6.2")),
        ("psychiatry", ("SP-4.1",)),
    ),
    "yh-specialistusk": (("elder", ("ÄO-4.1", "ÄO-4.2", "ÄO-13.1")),),
    "yh-stodpedagog": (
        ("disability", ("FH-4.1", "FH-6.1", "FH-7.2")),
        ("psychiatry", ("SP-2.1",)),
    ),
    "psykiatri-poang": (("psychiatry", ("SP-1.1", "SP-1.2")),),
}
# Share of a plan a title takes (e.g. vårdbiträden are less often trained for delegation)
TITLE_FACTOR = {
    "vardbitrade": 0.6,
    "specialistunderskoterska": 1.3,
    "personlig-assistent": 0.5,
    "stodpedagog": 1.2,
    "stodpedagog-socialpsykiatri": 1.2,
}
WITHDRAWAL_REASONS = ("Registrerad på fel person", "Kursen ställdes in", "Fel kurs angiven")
# Licensed staff: how each package item on their ladder was gained (kind, evidence)
HEALTH_EVIDENCE: dict[str, tuple[str, str]] = {
    "HSL-1.1": (COURSE, "Introduktionsprogram för legitimerad personal"),
    "HSL-1.2": (COURSE, "Utbildning i journalsystem och avvikelsehantering"),
    "HSL-2.1": (ASSESSED, "Bedömd av medicinskt ansvarig (MAS/MAR)"),
    "HSL-2.1.2": (ASSESSED, "Handledning av omsorgspersonal bedömd av medicinskt ansvarig"),
    "HSL-2.2": (COURSE, "Kurs: SIP och trygg utskrivning"),
    "HSL-3.1": (COURSE, "Fördjupningskurs, 7,5 hp"),
    "HSL-3.2": (COURSE, "Handledarutbildning för verksamhetsförlagd utbildning, 7,5 hp"),
    "HSL-4.1": (COURSE, "Kurs i förbättringskunskap"),
    "HSL-4.2": (COURSE, "Workshop: uppgiftsväxling och kompetensplanering"),
    "HSL-4.3": (COURSE, "Kurs i evidensbaserad praktik"),
}
