"""The demo's course catalogue: Yrkesresan-style courses (seed 004) and the events of seeds 000/002.

Each course is one stop on a route (sv *resväg*) of the phases new, experienced and senior, with
the three parts of Yrkesresan: preparation tasks (regulations, handbooks, web courses, podcasts,
films, reading, reflection, practical tasks; each tied to knowledge goals, with why it matters
and a time), course days, and follow-up tasks. Seed 004 gives that structure but names no
courses, so the courses follow the themes of the demo frameworks; goals are codes of their
knowledge goals, titles codes of the demo job titles. The wording is written for the demo; links
point to the public sources the tasks name (never fetched). The schedule of offerings and events,
in days from the day the demo is seeded, is ``course_schedule.PLANS``.

The outline's format is described in ``course_outline``.
"""

from __future__ import annotations

from .course_outline import catalogue

COURSES = catalogue("""
== vardegrund fyrbodal
Värdegrund och bemötande i vård och omsorg
for elder_care | new | vardbitrade underskoterska
goals ÄO-1.1.1 ÄO-1.1.2 ÄO-1.2.2 ÄO-6.1.1
  Första hållplatsen på resvägen för dig som är ny i äldreomsorgen. Vi går igenom den nationella
  värdegrunden – ett värdigt liv och välbefinnande – och vad den betyder i de små besluten: hur
  du kommer in i någons hem, vem som bestämmer över morgonen och hur du talar med och om den äldre.
P regulation 20 ÄO-1.1.1 sos:omraden/aldre/vardegrund/
  Läs om värdegrunden för äldreomsorgen i socialtjänstlagen
  - Värdegrunden är lag: den säger vad den äldre har rätt att förvänta sig av dig.
P web_course 45 ÄO-1.1.2 kg:aldre/
  Webbutbildning: Värdegrunden i praktiken
  - Korta filmade fall visar hur integritet och självbestämmande avgörs i vardagen.
P film 15 ÄO-6.1.1 fyrbodal:
  Film: Knacka, vänta, fråga
  - Fyrbodals egen film om att komma in i någons hem; kursdagen utgår från den.
P reflection 20 ÄO-1.2.2
  Tänk på en gång då någon annan bestämde
  - Att se sina egna vanor är första steget till att ändra dem.
  > Skriv ner en situation från den senaste veckan då du eller en kollega bestämde något åt den
  > äldre. Vad hade hänt om hen fått välja? Ta med anteckningen (utan namn) till kursdagen.
F practical 30 -
  Gör en värdegrundsspaning på din enhet
  - Det du ser i vardagen efter kursen visar om något har förändrats.
  > Notera under två veckor tre tillfällen då den äldres önskemål styrde och ett då de inte
  > gjorde det.
F share
M fyrbodal: Fyrbodals modell för kunskap, kompetens och kvalitet för baspersonal

== hygien fyrbodal
Basala hygienrutiner och smittskydd
for elder_care health_care | new | vardbitrade underskoterska rehabassistent
goals ÄO-9.1.1 ÄO-9.1.2 ÄO-9.2.1 ÄO-9.2.2
  Basala hygienrutiner är det viktigaste du gör för att smitta inte ska spridas mellan dem du
  hjälper. Kursen varvar föreskrifterna med övningar i handdesinfektion, handskar och förkläde,
  och vad du gör vid ett utbrott av magsjuka eller luftvägsinfektion på enheten.
P regulation 20 ÄO-9.1.1 sos:regler-och-riktlinjer/foreskrifter-och-allmanna-rad/
  Läs Socialstyrelsens föreskrifter om basal hygien i vård och omsorg
  - Föreskrifterna gäller alla som ger vård och omsorg: korta ärmar, inga smycken, desinfektion.
P handbook 30 ÄO-9.1.2 https://www.vardhandboken.se/vardhygien-infektioner-och-smittspridning/
  Vårdhandboken: basala hygienrutiner och klädregler
  - Handboken visar steg för steg hur det går till; slå upp den när du är osäker.
P web_course 40 ÄO-9.2.1 kg:vardhygien/
  Webbutbildning: Basal hygien i vård och omsorg
  - Ger alla samma grund innan vi övar tillsammans på kursdagen.
F practical 30 ÄO-9.2.2
  Gör en hygienrond på enheten
  - En rond visar var rutinerna brister, och det är där smittan sprids.
  > Gå ronden med checklistan tillsammans med en kollega och ta upp det ni hittar med din chef.
M https://www.vardhandboken.se/ Affisch: basala hygienrutiner

== demens fyrbodal
Demens – personcentrerad vård och omsorg
for elder_care | experienced | vardbitrade underskoterska specialistunderskoterska
goals ÄO-4.1.1 ÄO-4.1.2 ÄO-4.2.1 ÄO-4.2.2
  För dig som har arbetat några år och möter personer med demenssjukdom. Vi fördjupar kunskapen
  om de vanligaste demenssjukdomarna och arbetar med levnadsberättelsen och med att förebygga
  och möta beteendemässiga och psykiska symtom vid demens (BPSD).
P web_course 180 ÄO-4.1.1,ÄO-4.1.2 https://www.demenscentrum.se/
  Webbutbildning: Demens ABC plus (Svenskt Demenscentrum)
  - Grundkunskapen om sjukdomarna som kursdagarna bygger vidare på.
P handbook 30 ÄO-4.2.1 sos:regler-och-riktlinjer/nationella-riktlinjer/
  Läs om personcentrerad omvårdnad i de nationella riktlinjerna för vård och omsorg vid demens
  - Riktlinjerna säger vad som har effekt; de är grunden för kommunens arbetssätt.
P podcast 35 ÄO-4.2.1 https://www.demenscentrum.se/
  Podd: Levnadsberättelsen i vardagen
  - Kollegor berättar hur en detalj ur någons liv kan göra en svår stund lugn.
P practical 30 ÄO-4.2.1
  Ta fram tre saker ur en levnadsberättelse
  - Vi använder era exempel i grupparbetet på första kursdagen.
  > Välj tillsammans med en boende eller en närstående tre saker ur levnadsberättelsen som du
  > kan använda i det dagliga stödet.
F practical 45 ÄO-4.2.2 https://www.bpsd.se/
  Prova ett bemötande vid BPSD och följ upp
  - Att pröva och följa upp är hur bemötandet blir enhetens och inte bara ditt.
  > Beskriv en situation med BPSD-registrets frågor, prova en åtgärd i två veckor och följ upp.
F share
M https://www.bpsd.se/ BPSD-registret

== lakemedel fyrbodal
Läkemedel och delegerade hälso- och sjukvårdsuppgifter
for elder_care disability | new experienced | underskoterska stodassistent stodpedagog
goals ÄO-10.1.1 ÄO-10.1.2 ÄO-10.1.3 ÄO-10.2.1
  För dig som ska få eller förnya en delegering. Kursen ersätter inte sjuksköterskans bedömning
  men ger grunden: vad en delegering är, hur du ger läkemedel säkert och när du ska kontakta
  sjuksköterskan. Kursledarna är kommunernas sjuksköterskor.
P regulation 30 ÄO-10.1.1 sos:regler-och-riktlinjer/foreskrifter-och-allmanna-rad/
  Läs föreskrifterna om ordination och hantering av läkemedel
  - Föreskrifterna säger vem som får göra vad: de skyddar både patienten och dig.
P handbook 30 ÄO-10.1.2 https://www.vardhandboken.se/lakemedel/
  Vårdhandboken: läkemedelshantering
  - Visar hur läkemedel ges och signeras, samma arbetssätt som på kursdagen.
P web_course 60 ÄO-10.1.3 kg:aldre/
  Webbutbildning: Läkemedel i kommunal vård och omsorg
  - Om vanliga biverkningar, så att du vet när något inte står rätt till.
P reflection 15 ÄO-10.1.1
  Din delegering i dag
  - Att veta vad du får göra, och till när, är ditt ansvar.
  > Ta reda på vilka uppgifter du har delegering för och när den går ut. Ta med en fråga till
  > sjuksköterskan på kursdagen.
F practical 60 ÄO-10.1.2,ÄO-10.2.1
  Ge läkemedel under handledning
  - Sjuksköterskan beslutar om delegeringen först när hon eller han har sett dig göra det.
  > Genomför tre överlämningar tillsammans med sjuksköterskan och signera enligt rutin.

== psykisk-ohalsa fyrbodal
Psykisk ohälsa hos äldre
for elder_care | experienced senior | underskoterska specialistunderskoterska
goals ÄO-5.1.1 ÄO-5.1.2 ÄO-5.2.1
  Nedstämdhet, oro och ensamhet är vanligt hos äldre men upptäcks för sällan. Kursen handlar om
  tecknen, om sambandet mellan förluster och psykisk ohälsa och om vad du gör när du är orolig
  för att någon inte vill leva.
P web_course 60 ÄO-5.1.1 kg:aldre/
  Webbutbildning: Psykisk ohälsa hos äldre
  - Ger en gemensam grund om tecken och behandling före kursdagen.
P reading 30 ÄO-5.1.2 https://www.folkhalsomyndigheten.se/
  Läs Folkhälsomyndighetens kunskapsstöd om ensamhet bland äldre
  - Ensamhet är en av de starkaste riskfaktorerna, och det går att göra något åt den.
P podcast 30 ÄO-5.2.1 https://ki.se/nasp
  Podd: Att våga fråga om självmordstankar
  - Att fråga ökar inte risken; att låta bli kan göra det.
F reflection 20 -
  Gå igenom rutinen vid oro för suicid med din chef
  - Oro som stannar hos dig hjälper ingen: rutinen säger vem du kontaktar.
  > Läs rutinen tillsammans och bestäm vem som gör vad om du blir orolig en kväll eller helg.

== palliativ fyrbodal
Palliativ vård i livets slutskede
for elder_care health_care | experienced senior | underskoterska specialistunderskoterska
goals ÄO-13.1.1 ÄO-13.1.2 ÄO-13.1.3
  För dig som vill fördjupa dig i vården i livets slutskede: de fyra hörnstenarna,
  symtomlindring tillsammans med sjuksköterskan och stödet till den döende och de närstående.
  Kursen ges på plats och digitalt.
P handbook 45 ÄO-13.1.1 https://kunskapsbanken.cancercentrum.se/diagnoser/palliativ-vard/
  Läs om de fyra hörnstenarna i det nationella vårdprogrammet för palliativ vård
  - Vårdprogrammet är den gemensamma grunden för kommun och region.
P web_course 90 ÄO-13.1.2 kg:palliativ-vard/
  Webbutbildning: Palliativ vård
  - Om symtom och lindring, som vi övar på i fallen på kursdagen.
P film 20 ÄO-13.1.3 https://www.palliativregistret.se/
  Film: Samtal med närstående
  - Visar hur ett svårt samtal kan börja; vi tränar på det i par.
F practical 30 - https://www.palliativregistret.se/
  Gå igenom enhetens rutin för vård i livets slutskede
  - Rutinen ska vara känd av alla innan den behövs.
F share
M https://www.palliativregistret.se/ Svenska palliativregistret

== lss fyrbodal
LSS, rättigheter och självbestämmande
for disability | new | stodassistent stodpedagog personlig-assistent
goals FH-2.1.1 FH-2.1.2 FH-2.2.1 FH-3.1.2
  Första hållplatsen för dig som är ny inom funktionshinderområdet. Vilka rättigheter ger LSS,
  vad skiljer dem från bistånd enligt socialtjänstlagen och hur stödjer du någon att fatta egna
  beslut utan att ta över?
P regulation 30 FH-2.1.1,FH-2.1.2 riksdagen:
  Läs LSS om personkrets och insatser
  - Lagen är de boendes rättigheter; du behöver känna dem för att kunna värna dem.
P reading 30 FH-2.2.1 https://www.mfd.se/
  Läs en sammanfattning av FN:s konvention om rättigheter för personer med funktionsnedsättning
  - Konventionen förklarar varför delaktighet är en rättighet och inte en förmån.
P reflection 20 FH-3.1.2
  Vem bestämmer i vardagen?
  - Personalens makt syns sällan för den som har den; reflektionen gör den synlig.
  > Skriv ner tre beslut du tog åt någon förra veckan. Kunde hen ha bestämt själv?
F practical 30 -
  Gå igenom en genomförandeplan med den enskilde
  - Planen ska vara den enskildes: det märks när hen själv har fått säga sitt.
  > Fråga vad hen vill ändra, och skriv in det med hens egna ord.
M https://www.mfd.se/ Myndigheten för delaktighet

== lagaffektivt fyrbodal
Lågaffektivt bemötande
for disability social_psychiatry | new experienced | stodassistent stodpedagog boendestodjare
goals FH-5.1.1 FH-5.1.2 FH-5.1.3 FH-5.2.1
  Hur stress och krav kan leda till utmanande beteende, och hur du minskar konflikter genom att
  sänka kraven, ge utrymme och avleda. Kursdagarna varvar föreläsning med fall från deltagarnas
  egna verksamheter.
P reading 45 FH-5.1.1 https://www.hejlskov.se/
  Läs kapitel 1–3 i kurslitteraturen om lågaffektivt bemötande
  - Ger begreppen som vi använder när vi diskuterar era fall.
P film 20 FH-5.1.2 fyrbodal:
  Film: Krav, stress och affekt
  - Fyrbodals egen film visar på tio minuter hur krav kan trappa upp en situation.
P reflection 20 FH-5.1.2,FH-5.1.3
  Beskriv en svår situation
  - Era egna situationer är kursens viktigaste material.
  > Beskriv (utan namn) en situation då någon blev arg eller ledsen. Vilka krav ställdes då?
F practical 30 FH-5.1.3
  Sänk kraven i en återkommande situation
  - Först när det prövas i vardagen blir förhållningssättet ett arbetssätt.
  > Välj en situation som ofta blir svår, sänk kraven i två veckor och notera vad som händer.
F reflection 30 FH-5.2.1 https://www.av.se/halsa-och-sakerhet/hot-och-vald/
  Efterarbeta en händelse med kollegor
  - Ett gemensamt efterarbete gör nästa situation tryggare för alla.
M https://www.av.se/halsa-och-sakerhet/hot-och-vald/ Arbetsmiljöverket: hot och våld

== akk fyrbodal
Kommunikation och AKK i vardagen
for disability | experienced | stodassistent stodpedagog
goals FH-4.1.1 FH-4.1.2 FH-4.1.3 FH-4.2.1
  Alternativ och kompletterande kommunikation för dig som har arbetat några år: tecken som stöd,
  bildstöd, samtalsmattor och att tolka uttryck hos den som saknar talat språk.
P web_course 60 FH-4.1.1 https://www.spsm.se/
  Webbutbildning om alternativ och kompletterande kommunikation
  - Ger överblick över formerna innan vi provar dem på kursdagen.
P film 15 FH-4.1.2 https://www.dart-gbg.org/
  Film: Tecken som stöd i vardagen
  - Visar hur några få tecken kan göra en hel dag begripligare.
P reading 20 FH-4.2.1 https://www.mtm.se/
  Läs: så skriver du lättläst
  - Begriplig information är en förutsättning för delaktighet.
P practical 30 FH-4.1.3
  Fotografera tre vardagsaktiviteter för bildstöd
  - Vi gör bildstöd av era bilder på kursdagen.
  > Ta bilder av föremål och platser, inga personer.
F practical 45 -
  Inför ett bildschema för en aktivitet
  - Ett schema som används varje dag ger förutsägbarhet och trygghet.
  > Gör schemat med bilderna från kursdagen och använd det varje dag i två veckor.
F practical 20 FH-4.1.2
  Lär arbetsgruppen tre nya tecken
  - Tecken fungerar bara om alla runt personen använder dem.
  > Visa tecknen på arbetsplatsträffen och sätt upp dem där alla ser dem.
M https://www.dart-gbg.org/ DART kommunikations- och dataresurscenter

== aterhamtning fyrbodal
Återhämtning och suicidprevention i socialpsykiatrin
for social_psychiatry | new experienced | boendestodjare stodpedagog-socialpsykiatri
goals SP-1.1.2 SP-2.1.1 SP-2.1.2 SP-3.1.1
  Vad personlig återhämtning innebär och hur du stödjer någon att sätta och följa upp egna mål.
  Andra dagen handlar om att uppmärksamma suicidrisk och att våga fråga.
P web_course 60 SP-1.1.2,SP-2.1.1 kg:psykisk-ohalsa/
  Webbutbildning: Psykisk ohälsa och återhämtning
  - Ger en gemensam grund om tillstånden och om vad som hjälper.
P reading 30 SP-2.1.1 https://nsph.se/
  Läs berättelser om återhämtning från brukarrörelsen
  - Återhämtning beskrivs bäst av den som själv har gjort resan.
P podcast 30 SP-3.1.1 https://ki.se/nasp
  Podd: Att våga fråga om självmordstankar
  - Frågan är det viktigaste verktyget du har; vi övar den på kursdagen.
F practical 30 SP-2.1.2
  Följ upp ett eget mål tillsammans med en boende
  - Små mål som följs upp är kärnan i ett återhämtningsinriktat arbetssätt.
  > Välj ett litet mål som personen själv formulerar, och följ upp det varje vecka i en månad.

== hsl-steg-1 fyrbodal
Introduktion i kommunal hälso- och sjukvård – steg 1
for health_care | new | sjukskoterska arbetsterapeut fysioterapeut
goals HSL-1.1.1 HSL-1.1.2 HSL-1.2.1 HSL-1.3.1
  Första steget i Fyrbodals kompetensutvecklingsmodell för legitimerad personal: kommunens
  uppdrag, MAS och MAR:s ansvar, journalföring och avvikelser, och HLR tills ambulansen kommer.
P regulation 45 HSL-1.2.1 riksdagen:
  Läs patientsäkerhetslagen och patientdatalagen i de delar som rör dig
  - Lagarna styr journalföring och avvikelser, som är halva första kursdagen.
P handbook 30 HSL-1.1.1 fyrbodal:
  Läs kommunens rutiner från MAS och MAR
  - Rutinerna skiljer sig mellan kommun och region; här står hur det går till hos oss.
P web_course 40 HSL-1.3.1 https://www.hlr.nu/
  HLR för vuxna – repetition på webben
  - Vi övar på dockor på kursdagen och utgår från att teorin är repeterad.
F practical 240 HSL-1.1.2
  Följ en erfaren kollega en halv dag i hemsjukvården
  - Att se hur en erfaren kollega arbetar i hemmen ger mer än någon föreläsning.
  > Boka dagen med din chef och skriv ner tre saker du vill fråga om.
F share

== leda-larande fyrbodal managers
Att leda lärande i arbetsgruppen
for - | - | enhetschef
goals HSL-4.1.1 HSL-4.2.2 HSL-4.3.1
  För enhetschefer i stationshuset: hur kunskap från en kurs blir praxis i arbetsgruppen.
  Struktur för vardagslärande, kompetensplanering utifrån brukarnas behov och uppföljning några
  månader efter kursen.
P reading 30 HSL-4.3.1 fyrbodal:
  Läs Struktur för vardagslärande (Fyrbodals modell, del fyra)
  - Strukturen är den gemensamma ramen som vi fyller med era exempel.
P reflection 20 HSL-4.2.2
  Kartlägg lärandet på din enhet
  - Du behöver veta var ni står för att kunna planera nästa steg.
  > Var delar ni kunskap i dag: arbetsplatsträffar, handledning, ärendediskussioner? Vad saknas?
F practical 60 HSL-4.1.1
  Planera en arbetsplatsträff där en medarbetare delar det hen lärt sig
  - Delningen efter en kurs är det som gör den till hela gruppens.
  > Bestäm vem som delar, vad det ska leda till och när ni följer upp det.

== dokumentation Uddevalla
Social dokumentation och genomförandeplan
for elder_care | new experienced | vardbitrade underskoterska specialistunderskoterska
goals ÄO-7.1.1 ÄO-7.1.2 ÄO-7.2.1
  Uddevallas kurs om vad som ska dokumenteras, hur du skriver sakligt och kort, och hur
  genomförandeplanen tas fram och följs upp tillsammans med den äldre.
P handbook 45 ÄO-7.1.1 sos:omraden/dokumentation/
  Läs Socialstyrelsens handbok om dokumentation i socialtjänsten
  - Handboken förklarar varför den enskilde ska kunna läsa och känna igen sig.
P web_course 30 ÄO-7.2.1 sos:omraden/ibic/
  Webbutbildning: Individens behov i centrum (IBIC)
  - IBIC är arbetssättet som genomförandeplanerna bygger på.
P practical 20 ÄO-7.1.2
  Läs en anteckning du själv har skrivit
  - Vi övar på att skriva om anteckningar så att de blir sakliga och korta.
  > Välj en anteckning och fundera: skulle den enskilde känna igen sig?
F practical 45 ÄO-7.2.1
  Uppdatera en genomförandeplan tillsammans med den äldre
  - Planen är bara användbar om den stämmer med hur den äldre vill ha det i dag.
  > Gå igenom planen punkt för punkt med den äldre och dokumentera ändringarna.
M https://www.uddevalla.se/ Uddevalla kommun: rutin för social dokumentation

== hlr-brand Uddevalla
HLR med hjärtstartare och brandskydd i boendet
for elder_care disability | - | vardbitrade underskoterska stodassistent stodpedagog
goals UDD-1.1.1 UDD-1.2.1
  Uddevallas säkerhetsutbildning: hjärt-lungräddning på vuxen med hjärtstartare och enhetens
  brandskyddsrutin och utrymningsplan. En halv dag med praktiska övningar.
P web_course 20 UDD-1.1.1 https://www.hlr.nu/
  HLR-utbildning på webben
  - Teorin på webben gör att kursdagen kan ägnas åt övning.
P handbook 15 UDD-1.2.1 https://www.msb.se/
  Läs enhetens brandskyddsrutin och utrymningsplan
  - När det brinner finns ingen tid att leta efter rutinen.
F practical 15 UDD-1.2.1
  Gå brandskyddsronden på din enhet
  - Ronden visar att utrymningsvägar och släckutrustning fungerar.
  > Gå ronden med checklistan i brandskyddsrutinen och rapportera brister till din chef.
M https://www.msb.se/ MSB: brandskydd

== opsporing Randers da
Tidlig opsporing af mistrivsel og ensomhed
for elder_care social_psychiatry | - | social-og-sundhedshjaelper social-og-sundhedsassistent
goals MS-1.1.1 MS-2.1.1 MS-2.1.2 MS-3.1.1
  Kurset bygger på Sundhedsstyrelsens forebyggelsespakke om mental sundhed og giver
  frontpersonalet redskaber til at opdage mistrivsel og ensomhed hos borgeren i tide – og til at
  hjælpe videre til kommunens tilbud og fællesskaber.
P handbook 45 MS-1.1.1 https://www.sst.dk/
  Læs Sundhedsstyrelsens forebyggelsespakke om mental sundhed
  - Pakken beskriver, hvilke kompetencer frontpersonalet skal have.
P web_course 30 MS-1.1.1 https://www.abcmentalsundhed.dk/
  ABC for mental sundhed – introduktion
  - Giver et fælles sprog om trivsel før kursusdagen.
P reflection 15 MS-2.1.1
  Hvem møder du, der er alene?
  - Vi tager udgangspunkt i jeres egne borgere (uden navne).
  > Tænk på en borger, du har mødt i den seneste uge, som virkede ensom. Hvad så du?
F practical 30 MS-3.1.1
  Henvis en borger til et fællesskab og følg op
  - Opsporing hjælper først, når borgeren er kommet i gang.
  > Aftal med borgeren, hvornår I taler om, hvordan det gik, og skriv det i journalen.

== motiverende-samtale Randers da
Den motiverende samtale
for elder_care social_psychiatry | experienced senior | social-og-sundhedsassistent socialpaedagog
goals MS-2.1.2 MS-3.1.2 MS-3.2.1
  Åbne spørgsmål, refleksioner og opsummeringer, der styrker borgerens egen motivation. Kurset
  følger op på kurset om tidlig opsporing.
P reading 30 MS-3.2.1 https://www.sst.dk/
  Læs en introduktion til den motiverende samtale
  - Giver begreberne, som vi øver i par på kursusdagen.
P film 20 MS-2.1.2 https://www.sst.dk/
  Film: Åbne spørgsmål og refleksioner
  - Viser forskellen på at spørge og at give gode råd.
F practical 30 MS-3.2.1,MS-3.1.2
  Brug tre åbne spørgsmål i en samtale med en borger
  - Det er i hverdagen, samtaleformen skal bruges.
  > Skriv bagefter ned, hvad borgeren svarede, og tag det med på personalemødet.
""")
