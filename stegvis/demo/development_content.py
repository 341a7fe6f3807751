"""What the demo's dialogues say: preparation answers, notes and plans, in Swedish and Danish.

Read by ``development``. Answers follow the order of the default questions
(``development.questions.DEFAULT_QUESTIONS``) for the role. In plan fields, ``item`` is a
knowledge goal's code, ``course`` and ``offering`` keys of ``course_content.COURSES`` (an
offering: the one the person is registered for), ``job_title`` a title code, ``due_on`` and
``sharing_by`` days from the day the demo is seeded, and ``{unit}`` the person's unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

COMPETENCE, CAREER, OTHER = "competence", "career", "other"
COURSE, SELF_STUDY, MENTORING = "course", "self_study", "mentoring"
TASK_SHIFTING = "task_shifting"
BOTH = ("employee", "manager")


@dataclass(frozen=True)
class GoalSpec:
    fields: dict
    activities: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class PlanSpec:
    follow_up: int  # days from the seed day
    goals: list[GoalSpec]
    approvals: tuple[str, ...] = BOTH


ANNA_ANSWERS = [
    "Bra men intensivt. Jag har blivit tryggare på avdelningen och har gått kursen i värdegrund "
    "och bemötande. Kvällarna när vi är få är fortfarande tunga.",
    "Att de boende känner igen mig, och att jag skrev levnadsberättelser med två nya boende.",
    "Jag vill ta emot delegering för läkemedel och lära mig mer om demens.",
    "Fler av oss behöver kunna möta oro och utmanande beteende hos boende med demens.",
    "Jag berättade om värdegrundskursen på arbetsplatsträffen och vill göra likadant efter nästa "
    "kurs.",
    "Tid att gå kurserna, och att någon täcker upp på avdelningen de dagarna.",
    "Bra för det mesta. Morgnarna blir stressiga när någon är sjuk.",
    "Jag vill bli specialistundersköterska inom demensvård.",
]
MARIA_ANSWERS = [
    "Anna har kommit in bra i arbetsgruppen och tar ansvar. Hon har gått Värdegrund och "
    "bemötande och delat med sig på arbetsplatsträffen.",
    "Enheten behöver fler med delegering för läkemedel och fler med fördjupad kunskap om demens.",
    "Anna delar gärna med sig; nästa gång kan hon leda reflektionen på arbetsplatsträffen.",
    "Lugn och lyhörd i mötet med de boende, noggrann i dokumentationen.",
    "Läkemedelshantering och delegering nu, och på sikt demens som specialområde.",
]
ANNA_NOTE = (
    "Anna vill ta emot delegering för läkemedel och går läkemedelskursen först. Demens blir nästa "
    "steg: hon står i kö till demenskursen. Vi följer upp planen om ett halvår."
)
ANNA_PLAN = PlanSpec(
    follow_up=160,
    goals=[
        GoalSpec(
            {"kind": COMPETENCE, "item": "ÄO-10.1.2"},
            [
                {
                    "kind": COURSE,
                    "offering": "lakemedel",
                    "due_on": 45,
                    "sharing_how": "Visar rutinen för säker läkemedelsöverlämning och signering "
                    "på arbetsplatsträffen",
                    "sharing_with": "Arbetsgruppen på {unit}",
                    "sharing_by": 75,
                },
                {
                    "kind": OTHER,
                    "owner": "manager",
                    "description": "Boka delegering med sjuksköterskan när kursen är klar",
                    "due_on": 50,
                },
            ],
        ),
        GoalSpec(
            {"kind": COMPETENCE, "item": "ÄO-4.2.1"},
            [
                {
                    "kind": COURSE,
                    "offering": "demens",
                    "due_on": 70,
                    "sharing_how": "Leder en reflektion om levnadsberättelsen som arbetssätt",
                    "sharing_with": "Arbetsgruppen på {unit}",
                    "sharing_by": 100,
                }
            ],
        ),
        GoalSpec(
            {
                "kind": CAREER,
                "job_title": "specialistunderskoterska",
                "description": "Sikta mot specialistundersköterska inom demensvård",
            },
            [
                {
                    "kind": SELF_STUDY,
                    "description": "Ta reda på hur yrkesutbildningen till "
                    "specialistundersköterska inom demens är upplagd och när ansökan öppnar",
                    "due_on": 120,
                }
            ],
        ),
    ],
)
# Last year's plan: written as it was, done, and followed up in this year's dialogue.
ANNA_OLD_GOALS = [
    (
        {"kind": COMPETENCE, "item": "ÄO-1.1.2", "description": "Värdegrunden i vardagen"},
        {
            "kind": COURSE,
            "course": "vardegrund",
            "description": "Värdegrund och bemötande i vård och omsorg",
            "due_on": -30,
            "sharing_how": "Berättar om filmen Knacka, vänta, fråga på arbetsplatsträffen",
            "sharing_with": "Arbetsgruppen på {unit}",
            "sharing_by": -20,
        },
    ),
    (
        {"kind": OTHER, "description": "Bli trygg i mötet med boende med demenssjukdom"},
        {
            "kind": MENTORING,
            "description": "Gå bredvid en specialistundersköterska på demensavdelningen fyra pass",
            "due_on": -200,
        },
    ),
]
ANNA_OLD_OUTCOMES = ["achieved", "partly"]
ANNA_OLD_OUTCOME = (
    "Anna har gått Värdegrund och bemötande och delat filmen på arbetsplatsträffen. Hon gick "
    "bredvid på demensavdelningen två pass av fyra och vill fördjupa sig i demens: det blir ett "
    "mål i årets plan."
)

CONFIDENTIAL_NOTE = (
    "Berättade om sömnproblem efter nattpassen. Vi prövar dagpass under en period och stämmer av "
    "med företagshälsovården."
)
# Colleagues' plans, each with the note from the dialogue: approved by both, a draft, approved
# by the manager and waiting for the employee.
COLLEAGUE_PLANS = [
    (
        "Vill ta ansvar för hygienronden på avdelningen. Hygienkursen först.",
        PlanSpec(
            follow_up=150,
            goals=[
                GoalSpec(
                    {"kind": COMPETENCE, "item": "ÄO-9.2.2"},
                    [
                        {
                            "kind": COURSE,
                            "course": "hygien",
                            "due_on": 60,
                            "sharing_how": "Går igenom rutinen vid utbrott av magsjuka på "
                            "arbetsplatsträffen",
                            "sharing_with": "Arbetsgruppen på {unit}",
                            "sharing_by": 90,
                        },
                        {
                            "kind": OTHER,
                            "description": "Gå hygienronden varje månad tillsammans med en kollega",
                            "due_on": 120,
                        },
                    ],
                )
            ],
        ),
    ),
    (
        "Vill avlasta sjuksköterskan med beställningarna. Planen skrivs klart nästa vecka.",
        PlanSpec(
            follow_up=120,
            approvals=(),
            goals=[
                GoalSpec(
                    {
                        "kind": OTHER,
                        "description": "Ta över beställningen av förbrukningsmaterial från "
                        "sjuksköterskan",
                    },
                    [
                        {
                            "kind": TASK_SHIFTING,
                            "description": "Lär dig beställningsrutinen tillsammans med "
                            "sjuksköterskan under två veckor",
                            "due_on": 45,
                        },
                        {
                            "kind": OTHER,
                            "owner": "manager",
                            "description": "Boka tid med sjuksköterskan för överlämningen",
                            "due_on": 14,
                        },
                    ],
                )
            ],
        ),
    ),
    (
        "Har varit med vid flera dödsfall i år och vill kunna mer om palliativ vård.",
        PlanSpec(
            follow_up=180,
            approvals=("manager",),
            goals=[
                GoalSpec(
                    {"kind": COMPETENCE, "item": "ÄO-13.1.3"},
                    [
                        {
                            "kind": COURSE,
                            "course": "palliativ",
                            "due_on": 90,
                            "sharing_how": "Berättar om stödet till närstående "
                            "på arbetsplatsträffen",
                            "sharing_with": "Arbetsgruppen på {unit}",
                            "sharing_by": 120,
                        }
                    ],
                )
            ],
        ),
    ),
]

METTE_ANSWERS = [
    "Et godt år. Vi har fået mange nye beboere, og jeg har haft to elever, som jeg har været glad "
    "for at lære op.",
    "At vi har fået gang i fællesspisningen igen, og at borgerne kommer.",
    "Jeg vil gerne være tovholder for plejecentrets indsats mod ensomhed.",
    "Vi skal blive bedre til at opdage mistrivsel og ensomhed tidligt.",
    "Jeg fortæller om kurset på personalemødet og laver en huskeseddel til teamet.",
    "Tid til tovholderopgaven, og at du bakker op, når vi prøver noget nyt.",
    "God trivsel, men aftenvagterne er tunge, når vi mangler folk.",
    "Jeg vil stadig være her, gerne med et fagligt ansvar for mental sundhed.",
]
METTE_NOTE = (
    "Mette vil gerne være tovholder for indsatsen mod ensomhed. Hun tager kurset i tidlig "
    "opsporing først, og vi aftaler en fast time om ugen til opgaven."
)
METTE_PLAN = PlanSpec(
    follow_up=180,
    goals=[
        GoalSpec(
            {"kind": COMPETENCE, "item": "MS-2.1.1"},
            [
                {
                    "kind": COURSE,
                    "offering": "opsporing",
                    "due_on": 50,
                    "sharing_how": "Fortæller om tegn på ensomhed på personalemødet og laver en "
                    "huskeseddel til teamet",
                    "sharing_with": "Kollegerne på {unit}",
                    "sharing_by": 80,
                }
            ],
        ),
        GoalSpec(
            {"kind": OTHER, "description": "Være tovholder for plejecentrets indsats mod ensomhed"},
            [
                {
                    "kind": OTHER,
                    "description": "Planlægge en ugentlig fællesspisning sammen med "
                    "aktivitetsmedarbejderen",
                    "due_on": 60,
                },
                {
                    "kind": OTHER,
                    "owner": "manager",
                    "description": "Afsætte en time om ugen til tovholderopgaven",
                    "due_on": 21,
                },
            ],
        ),
    ],
)
