"""The demo's competence frameworks: the outlines of areas, competences and knowledge goals, and
the frameworks that hold them (owner, source, versions).

All wording is written for the demo. The elder-care and disability frameworks follow the areas
that the National Board of Health and Welfare's general advice names (SOSFS 2011:12,
SOSFS 2014:2); the competences and knowledge goals under them are our own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from stegvis.competences.models import KnowledgeForm

D = datetime.date

# -- frameworks ---------------------------------------------------------------------------------
# An area is (title, description, competences); a competence is (title, goals); a goal is
# (title, knowledge form). Codes are made from the framework code: ÄO-1, ÄO-1.2, ÄO-1.2.1.
Goal = tuple[str, str]
Competence = tuple[str, tuple[Goal, ...]]
Area = tuple[str, str, tuple[Competence, ...]]

FORMS = {
    "fakta": KnowledgeForm.FACTS,
    "förståelse": KnowledgeForm.UNDERSTANDING,
    "färdighet": KnowledgeForm.SKILL,
    "förtrogenhet": KnowledgeForm.FAMILIARITY,
}


def outline(text: str) -> tuple[Area, ...]:
    """Areas from an outline: ``Area — description``, then competences indented two spaces,
    then goals indented four as ``form: goal`` (form: fakta, förståelse, färdighet,
    förtrogenhet)."""
    areas: list[tuple[str, str, list]] = []
    for line in text.strip("\n").splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        line = line.strip()
        if depth == 0:
            title, _sep, description = line.partition(" — ")
            areas.append((title, description, []))
        elif depth == 1:
            areas[-1][2].append((line, []))
        else:
            form, _sep, goal = line.partition(": ")
            areas[-1][2][-1][1].append((goal, FORMS[form]))
    return tuple(
        (title, description, tuple((c, tuple(goals)) for c, goals in competences))
        for title, description, competences in areas
    )


ELDER_CARE = outline("""
Värdegrund och etik — Ett värdigt liv och välbefinnande som grund för allt arbete.
  Den nationella värdegrunden i vardagen
    fakta: Känna till vad socialtjänstlagens värdegrund för äldreomsorgen innebär
    förståelse: Förstå hur integritet och självbestämmande påverkas av små beslut i vardagen
    färdighet: Kunna planera stödet tillsammans med den äldre utifrån vanor och önskemål
  Etiska dilemman i omsorgen
    fakta: Kunna beskriva vanliga etiska dilemman, t.ex. kring tvång och begränsningar
    förtrogenhet: Kunna resonera om ett dilemma med kollegor med stöd av en etisk modell
Lagstiftning och styrdokument — Lagar och regler som styr det egna arbetet.
  Lagar som styr arbetet
    fakta: Känna till de delar av SoL och HSL som rör det egna arbetet
    förståelse: Förstå skillnaden mellan bistånd enligt SoL och hälso- och sjukvård (HSL)
  Tystnadsplikt och rapporteringsskyldighet
    fakta: Känna till reglerna om sekretess och tystnadsplikt
    färdighet: Kunna rapportera missförhållanden enligt lex Sarah och avvikelser enligt rutin
Åldrande och vanliga sjukdomar — Kroppens, psykets och livets förändringar med åldern.
  Det normala åldrandet
    fakta: Känna till kroppsliga, psykiska och sociala förändringar vid åldrande
    förståelse: Förstå hur nedsatt syn, hörsel och rörlighet påverkar vardagen
  Vanliga sjukdomar hos äldre
    fakta: Känna till symtom vid stroke, hjärtsvikt, diabetes, KOL och Parkinsons sjukdom
    färdighet: Kunna upptäcka förändringar i hälsan och rapportera till sjuksköterskan
  Hud och trycksår
    färdighet: Kunna förebygga trycksår med lägesändring och daglig hudinspektion
Demenssjukdomar — Stöd och bemötande vid kognitiv sjukdom.
  Demenssjukdomar och deras symtom
    fakta: Känna till de vanligaste demenssjukdomarna och hur de yttrar sig
    förståelse: Förstå hur kognitiv svikt påverkar förmågan att tolka omgivningen
  Personcentrerad demensvård
    färdighet: Kunna använda levnadsberättelsen i det dagliga stödet
    färdighet: Kunna förebygga och möta beteendemässiga och psykiska symtom vid demens (BPSD)
    förtrogenhet: Kunna anpassa bemötandet efter personens dagsform
Psykisk ohälsa hos äldre — Att se och möta oro, nedstämdhet och riskbeteenden.
  Depression och ångest
    fakta: Känna till tecken på depression och ångest hos äldre
    förståelse: Förstå sambandet mellan ensamhet, förluster och psykisk ohälsa
  Suicidrisk och riskbruk
    färdighet: Kunna uppmärksamma tecken på suicidrisk eller riskbruk och veta vem som kontaktas
Kommunikation och bemötande — Samtal, information och samarbete med anhöriga.
  Samtal och bemötande
    förståelse: Förstå hur eget kroppsspråk och tonfall påverkar mötet
    färdighet: Kunna föra ett stödjande samtal och ge begriplig information
  Kommunikation vid nedsatt syn, hörsel eller språk
    färdighet: Kunna använda hörselhjälpmedel, bildstöd och andra sätt att kommunicera
  Samarbete med anhöriga
    förståelse: Förstå anhörigas situation och behov av stöd
Dokumentation — Social dokumentation och genomförandeplan.
  Social dokumentation
    fakta: Känna till vad som ska dokumenteras och att den enskilde kan läsa sin akt
    färdighet: Kunna skriva sakliga och korta anteckningar om händelser av betydelse
  Genomförandeplan
    färdighet: Kunna ta fram och följa upp en genomförandeplan tillsammans med den äldre
Rehabiliterande förhållningssätt — Att stödja den äldre att behålla sina förmågor.
  Vardagsrehabilitering
    förståelse: Förstå varför den äldre ska göra det hen kan själv
    färdighet: Kunna följa en träningsinstruktion från arbetsterapeut eller fysioterapeut
  Hjälpmedel
    färdighet: Kunna använda och sköta vanliga förflyttnings- och vardagshjälpmedel
Hygien och vårdhygien — Att förhindra smitta mellan personer.
  Basala hygienrutiner
    fakta: Känna till föreskrifterna om basal hygien och arbetskläder
    färdighet: Kunna utföra handdesinfektion och använda handskar och förkläde rätt
  Smittspridning
    förståelse: Förstå hur smitta sprids mellan personer och via ytor
    färdighet: Kunna agera vid utbrott av magsjuka eller luftvägsinfektion på enheten
Läkemedel och delegering — Hälso- och sjukvårdsuppgifter som utförs efter delegering.
  Läkemedelshantering vid delegering
    fakta: Känna till att en delegering är skriftlig, personlig och tidsbegränsad
    färdighet: Kunna ge läkemedel säkert enligt ordination och signera
    förståelse: Förstå vanliga biverkningar och när sjuksköterskan ska kontaktas
  Blodsockerkontroll och insulin
    färdighet: Kunna mäta blodsocker och ge insulin efter delegering
Nutrition och munhälsa — Mat, måltider och munvård.
  Mat och näring
    fakta: Känna till tecken på undernäring och risker vid ofrivillig viktnedgång
    färdighet: Kunna göra måltiden till en trygg och trivsam stund
  Munhälsa
    färdighet: Kunna utföra daglig munvård hos den som behöver hjälp
Fallprevention och säker förflyttning — Att förebygga fall och skador.
  Fallprevention
    fakta: Känna till vanliga riskfaktorer för fall
    färdighet: Kunna göra miljön säkrare och följa upp ett fall
  Förflyttningsteknik
    färdighet: Kunna förflytta en person skonsamt för både den äldre och sig själv
Palliativ vård — Vård och stöd i livets slutskede.
  Vård i livets slutskede
    fakta: Känna till den palliativa vårdens fyra hörnstenar
    färdighet: Kunna lindra vanliga symtom i samarbete med sjuksköterskan
    förtrogenhet: Kunna stödja den döende och de närstående
""")


DISABILITY = outline("""
Funktionsnedsättningar — Vad olika funktionsnedsättningar innebär i vardagen.
  Intellektuell funktionsnedsättning
    fakta: Känna till vad en intellektuell funktionsnedsättning innebär för inlärning
    förståelse: Förstå hur krav i miljön gör en nedsättning till ett funktionshinder
  Autism och adhd
    fakta: Känna till hur autism och adhd påverkar perception och socialt samspel
    färdighet: Kunna anpassa miljö och aktiviteter efter personens sensoriska behov
  Förvärvad hjärnskada
    fakta: Känna till vanliga följder av förvärvad hjärnskada
Lagstiftning och rättigheter — LSS, SoL och den enskildes rättigheter.
  LSS och SoL
    fakta: Känna till LSS personkrets och de insatser lagen ger rätt till
    förståelse: Förstå skillnaden mellan rättigheter enligt LSS och bistånd enligt SoL
  Rättigheter och begränsningsåtgärder
    fakta: Känna till FN:s konvention om rättigheter för personer med funktionsnedsättning
    förståelse: Förstå varför begränsningsåtgärder saknar lagstöd och hur de förebyggs
    färdighet: Kunna rapportera missförhållanden enligt lex Sarah
Delaktighet och självbestämmande — Den enskildes inflytande över sitt eget liv.
  Självbestämmande i vardagen
    förståelse: Förstå hur personalens makt kan begränsa den enskildes inflytande
    färdighet: Kunna stödja någon att fatta egna beslut utan att ta över
  Brukarinflytande
    färdighet: Kunna använda metoder för att ta reda på personens egna önskemål
Kommunikation och AKK — Alternativ och kompletterande kommunikation.
  Alternativ och kompletterande kommunikation (AKK)
    fakta: Känna till former av AKK: tecken som stöd, bilder, samtalsmattor, talande hjälpmedel
    färdighet: Kunna använda tecken som stöd och bildstöd i vardagliga situationer
    förtrogenhet: Kunna tolka kroppsspråk och uttryck hos personer utan talat språk
  Begriplig information
    färdighet: Kunna förmedla information på lättläst svenska
Lågaffektivt bemötande — Att förebygga och möta utmanande beteende.
  Lågaffektivt bemötande
    fakta: Känna till grunderna i ett lågaffektivt förhållningssätt
    förståelse: Förstå hur stress och krav kan leda till utmanande beteende
    färdighet: Kunna minska konflikter genom att sänka krav, ge utrymme och avleda
  Hot och våld i arbetet
    färdighet: Kunna agera vid hot eller våld och efterarbeta händelsen med kollegor
Pedagogiskt förhållningssätt — Struktur, förutsägbarhet och habilitering.
  Tydliggörande pedagogik
    färdighet: Kunna strukturera dagen med scheman, tidshjälpmedel och visuellt stöd
    förståelse: Förstå varför förutsägbarhet skapar trygghet
  Habiliterande förhållningssätt
    förståelse: Förstå skillnaden mellan att göra för och att göra tillsammans med
Dokumentation — Dokumentation av insatser enligt LSS och SoL.
  Social dokumentation
    färdighet: Kunna dokumentera genomförandet av insatser sakligt och respektfullt
  Genomförandeplan
    färdighet: Kunna upprätta en genomförandeplan med den enskilde och dennes företrädare
Hälsa och åldrande — Hälsorisker och åldrande vid funktionsnedsättning.
  Hälsa och levnadsvanor
    fakta: Känna till ökade hälsorisker vid intellektuell funktionsnedsättning
    färdighet: Kunna stödja fysisk aktivitet och goda matvanor
  Åldrande med funktionsnedsättning
    förståelse: Förstå tecken på tidigt åldrande och demens hos personer med Downs syndrom
""")


SOCIAL_PSYCHIATRY = outline("""
Psykisk ohälsa och psykiatriska tillstånd — Diagnoser, symtom och behandling.
  Vanliga psykiatriska tillstånd
    fakta: Känna till psykossjukdomar, bipolär sjukdom, depression och ångest
    förståelse: Förstå hur symtom kan växla över tid
  Samsjuklighet och beroende
    fakta: Känna till hur beroende och psykisk ohälsa påverkar varandra
Återhämtning — Personens egen väg till ett meningsfullt liv.
  Återhämtningsinriktat arbetssätt
    förståelse: Förstå vad personlig återhämtning innebär
    färdighet: Kunna stödja personen att sätta och följa upp egna mål i vardagen
Suicidprevention — Att uppmärksamma och agera vid suicidrisk.
  Att fråga om suicidtankar
    färdighet: Kunna fråga om självmordstankar och veta hur man går vidare
Samverkan — Samordning med region, psykiatri och andra aktörer.
  Samordnad individuell plan (SIP)
    fakta: Känna till när en SIP ska upprättas
    färdighet: Kunna delta i ett SIP-möte och följa upp överenskommelserna
""")


HEALTH_CARE = outline("""
Introduktion i kommunal hälso- och sjukvård — Steg 1: uppdrag, ansvar och rutiner.
  Uppdrag och ansvar i kommunal hälso- och sjukvård
    fakta: Känna till MAS och MAR:s ansvar och kommunens rutiner
    förståelse: Förstå skillnaden mellan vård i hemmet och vård på sjukhus
  Journalföring och avvikelsehantering
    färdighet: Kunna föra journal i kommunens system enligt patientdatalagen
  HLR med hjärtstartare
    färdighet: Kunna leda hjärt-lungräddning till dess ambulansen kommer
Självständig yrkesutövning — Steg 2: eget ansvar, delegering och teamarbete.
  Delegering och handledning av omsorgspersonal
    färdighet: Kunna bedöma om en uppgift kan delegeras och följa upp delegeringen
    färdighet: Kunna handleda omsorgspersonal i hälso- och sjukvårdsuppgifter
  Teamarbete och vårdplanering
    färdighet: Kunna samverka kring SIP och utskrivning från slutenvården
Fördjupad kompetens — Steg 3: fördjupning inom ett område.
  Fördjupning inom ett område
    förtrogenhet: Ha förtrogenhet med bedömning och åtgärder inom det egna fördjupningsområdet
  Handledning av studenter
    färdighet: Kunna handleda studenter under verksamhetsförlagd utbildning
Specialistkompetens — Steg 4: utveckling av verksamheten.
  Förbättrings- och kvalitetsarbete
    färdighet: Kunna leda ett förbättringsarbete med mätbara mål
  Uppgiftsväxling och kompetensplanering
    förståelse: Förstå hur uppgifter kan växlas så att varje kompetens används rätt
    färdighet: Kunna medverka i enhetens kompetensplanering
  Evidensbaserad praktik
    färdighet: Kunna värdera ny kunskap och föra in den i verksamheten
""")


UDDEVALLA = outline("""
Säkerhet — Kommunens krav på säkerhetsutbildning.
  HLR med hjärtstartare
    färdighet: Kunna utföra hjärt-lungräddning på vuxen och använda hjärtstartare
  Brandskydd i boendet
    färdighet: Kunna agera enligt enhetens brandskyddsrutin och utrymningsplan
Välfärdsteknik — Digitala hjälpmedel i kommunens äldreomsorg.
  Digital tillsyn och trygghetslarm
    färdighet: Kunna ta emot och åtgärda larm enligt kommunens rutin
    förståelse: Förstå hur digital nattillsyn kan öka integriteten
""")


GROUP_HOME_LOCAL = outline("""
De boendes särskilda behov — Det som just våra boende behöver.
  Epilepsi och akut anfallsmedicin
    fakta: Känna till hur anfallen yttrar sig hos de boende
    färdighet: Kunna ge akut anfallsmedicin efter delegering och ordination
  Husets tecken
    färdighet: Kunna husets grundtecken för vardagens aktiviteter
""")


MENTAL_HEALTH_DA = outline("""
Viden om mental sundhed — Hvad fremmer trivsel og mental sundhed.
  Mental sundhed og trivsel
    fakta: Kende begrebet mental sundhed og de faktorer, der fremmer trivsel
    förståelse: Forstå sammenhængen mellem mental sundhed, fysisk helbred og fællesskaber
Tidlig opsporing — At opdage mistrivsel, stress og ensomhed i tide.
  Opsporing af mistrivsel og ensomhed
    färdighet: Kunne genkende tegn på mistrivsel hos borgeren
    färdighet: Kunne tage en respektfuld samtale om trivsel
Handling og henvisning — Fra opsporing til hjælp.
  Henvisning til tilbud og fællesskaber
    fakta: Kende kommunens tilbud og frivillige fællesskaber, borgeren kan henvises til
    färdighet: Kunne følge op på, om borgeren er kommet i gang
  Den motiverende samtale
    färdighet: Kunne bruge åbne spørgsmål og refleksioner til at styrke borgerens motivation
""")


GROUP_HOME_LOCAL_DA = outline("""
Kompetencer i tilbuddet — Lokale tilføjelser til de fælles retningslinjer.
  Kommunikation med borgere med kognitive vanskeligheder
    färdighet: Kunne tilrettelægge kommunikationen med visuel støtte
  Vidensdeling efter kursus
    färdighet: Kunne dele ny viden med kolleger på personalemødet
""")


@dataclass(frozen=True)
class FrameworkSpec:
    key: str
    code: str
    title: str  # "{unit}" is replaced by the owning unit's name
    owner: str  # a key resolved by competences._owners()
    source: str
    areas: tuple[Area, ...]
    description: str
    valid_from: datetime.date
    language: str = "sv"
    # Later versions: (valid from, {item code: new title}); each makes a new version.
    revisions: tuple[tuple[datetime.date, dict[str, str]], ...] = field(default_factory=tuple)


FRAMEWORKS: tuple[FrameworkSpec, ...] = (
    FrameworkSpec(
        key="elder",
        code="ÄO",
        title="Grundläggande kunskaper – vård och omsorg (äldreomsorg)",
        owner="fyrbodal",
        source="sosfs-2011-12",
        areas=ELDER_CARE,
        description="Gemensam grund för all baspersonal i Fyrbodals äldreomsorg, byggd på de "
        "områden som Socialstyrelsens allmänna råd SOSFS 2011:12 räknar upp. Del av Fyrbodals "
        "modell för kunskap, kompetens och kvalitet för baspersonal.",
        valid_from=D(2022, 9, 1),
        revisions=(
            (D(2025, 1, 1), {"ÄO-10": "Läkemedel och delegerade hälso- och sjukvårdsuppgifter"}),
        ),
    ),
    FrameworkSpec(
        key="disability",
        code="FH",
        title="Grundläggande kunskaper – funktionshinder",
        owner="fyrbodal",
        source="sosfs-2014-2",
        areas=DISABILITY,
        description="Gemensam grund för baspersonal som ger stöd och service till personer med "
        "funktionsnedsättning, byggd på områdena i Socialstyrelsens allmänna råd SOSFS 2014:2.",
        valid_from=D(2022, 9, 1),
    ),
    FrameworkSpec(
        key="psychiatry",
        code="SP",
        title="Grundläggande kunskaper – socialpsykiatri",
        owner="fyrbodal",
        source="fyrbodal-baspersonal",
        areas=SOCIAL_PSYCHIATRY,
        description="Gemensam grund för baspersonal inom socialpsykiatrin i Fyrbodal.",
        valid_from=D(2022, 9, 1),
    ),
    FrameworkSpec(
        key="health",
        code="HSL",
        title="Kommunal hälso- och sjukvård – legitimerad personal",
        owner="fyrbodal",
        source="fyrbodal-legitimerad",
        areas=HEALTH_CARE,
        description="Kompetenser i de fyra stegen i Fyrbodals kompetensutvecklingsmodell för "
        "legitimerade arbetsterapeuter, sjuksköterskor och fysioterapeuter.",
        valid_from=D(2023, 4, 1),
    ),
    FrameworkSpec(
        key="uddevalla",
        code="UDD",
        title="Uddevallas tillägg – vård och omsorg",
        owner="uddevalla",
        source="uddevalla-beslut",
        areas=UDDEVALLA,
        description="Kommunens tillägg till den gemensamma grunden: säkerhet och välfärdsteknik.",
        valid_from=D(2023, 1, 1),
    ),
    FrameworkSpec(
        key="group-home",
        code="LOK",
        title="Lokala tillägg – {unit}",
        owner="uddevalla-group-home",
        source="fyrbodal-baspersonal",
        areas=GROUP_HOME_LOCAL,
        description="Enhetens lokala tillägg utifrån de boendes behov.",
        valid_from=D(2024, 3, 1),
    ),
    FrameworkSpec(
        key="mental-health",
        code="MS",
        title="Forebyggelsespakke mental sundhed – kompetencer for frontpersonale",
        owner="randers",
        source="sst-mental-sundhed",
        areas=MENTAL_HEALTH_DA,
        description="Randers Kommunes udmøntning af kompetenceafsnittet i Sundhedsstyrelsens "
        "forebyggelsespakke om mental sundhed for frontpersonale.",
        valid_from=D(2023, 1, 1),
        language="da",
    ),
    FrameworkSpec(
        key="group-home-da",
        code="LT",
        title="Lokale tilføjelser – {unit}",
        owner="randers-group-home",
        source="randers-2-1",
        areas=GROUP_HOME_LOCAL_DA,
        description="Tilbuddets lokale tilføjelser til de fælles kommunale retningslinjer for "
        "standard 2.1 kompetenceudvikling.",
        valid_from=D(2024, 1, 1),
        language="da",
    ),
)
