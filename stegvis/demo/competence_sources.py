"""The sources the demo competence model cites: laws, regulations, general advice, regional
models and local decisions. Names and reference numbers are facts; the demo names each source.
"""

from __future__ import annotations

from stegvis.competences.models import Source

# -- sources ------------------------------------------------------------------------------------
# key: (kind, title, issued by, reference, web address)
SOURCES: dict[str, tuple[str, str, str, str, str]] = {
    "sosfs-2011-12": (
        Source.Kind.GENERAL_ADVICE,
        "Socialstyrelsens allmänna råd om grundläggande kunskaper hos personal som arbetar i "
        "socialtjänstens omsorg om äldre",
        "Socialstyrelsen",
        "SOSFS 2011:12",
        "https://www.socialstyrelsen.se/",
    ),
    "sosfs-2014-2": (
        Source.Kind.GENERAL_ADVICE,
        "Socialstyrelsens allmänna råd om kunskaper hos personal som ger stöd och service till "
        "personer med funktionsnedsättning",
        "Socialstyrelsen",
        "SOSFS 2014:2",
        "https://www.socialstyrelsen.se/",
    ),
    "sosfs-2015-10": (
        Source.Kind.REGULATION,
        "Socialstyrelsens föreskrifter om basal hygien i vård och omsorg",
        "Socialstyrelsen",
        "SOSFS 2015:10",
        "https://www.socialstyrelsen.se/",
    ),
    "psl-usk": (
        Source.Kind.LAW,
        "Patientsäkerhetslagen: skyddad yrkestitel undersköterska från 1 juli 2023 (bevis "
        "utfärdas av Socialstyrelsen) och legitimationsyrken",
        "Riksdagen; bevis och legitimation: Socialstyrelsen",
        "SFS 2010:659",
        "https://www.riksdagen.se/",
    ),
    "fyrbodal-baspersonal": (
        Source.Kind.REGIONAL_MODEL,
        "Modell för kunskap, kompetens och kvalitet för baspersonal i Fyrbodals 14 kommuner",
        "Fyrbodals kommunalförbund",
        "",
        "https://www.fyrbodal.se/",
    ),
    "fyrbodal-legitimerad": (
        Source.Kind.REGIONAL_MODEL,
        "Kompetensutvecklingsmodell för legitimerade arbetsterapeuter, sjuksköterskor och "
        "fysioterapeuter i Fyrbodal",
        "Fyrbodals kommunalförbund",
        "",
        "https://www.fyrbodal.se/",
    ),
    "uddevalla-beslut": (
        Source.Kind.LOCAL_DECISION,
        "Uddevalla kommun: lokala kompetenskrav inom vård och omsorg (demo)",
        "Uddevalla kommun, socialtjänsten",
        "",
        "https://www.uddevalla.se/",
    ),
    "sst-mental-sundhed": (
        Source.Kind.PREVENTION_PACKAGE,
        "Forebyggelsespakke – Mental sundhed",
        "Sundhedsstyrelsen",
        "",
        "https://www.sst.dk/",
    ),
    "randers-2-1": (
        Source.Kind.LOCAL_DECISION,
        "Fælles kommunale retningslinjer for standard 2.1 kompetenceudvikling (Den Danske "
        "Kvalitetsmodel på det sociale område)",
        "Randers Kommune",
        "Standard 2.1",
        "https://www.randers.dk/",
    ),
    "dk-autorisation": (
        Source.Kind.LAW,
        "Lov om autorisation af sundhedspersoner og om sundhedsfaglig virksomhed",
        "Folketinget; autorisation: Styrelsen for Patientsikkerhed",
        "",
        "https://www.stps.dk/",
    ),
}
