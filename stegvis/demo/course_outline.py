"""The outline the demo's course catalogue (``course_content.COURSES``) is written in, and its
reader.

The catalogue is an outline read by ``catalogue()``::

    == key owner[ language][ managers]     a course; owner "fyrbodal" or a municipality
    Title
    for areas | phases | job titles        space-separated codes; "-" for none (= all)
    goals codes
      description (indented, joined)
    P|F kind minutes goals|- [link]        a preparation or follow-up task
      Title
      - why it matters
      > instructions (optional)
    F share                                the usual "share it with your work group" task
    M link Title                           a material (a link)
"""

from __future__ import annotations

from dataclasses import dataclass, field

LINKS = {
    "sos:": "https://www.socialstyrelsen.se/kunskapsstod-och-regler/",
    "kg:": "https://kunskapsguiden.se/omraden-och-teman/",
    "fyrbodal:": "https://www.fyrbodal.se/",
    "riksdagen:": "https://www.riksdagen.se/sv/dokument-och-lagar/",
}


@dataclass(frozen=True)
class Task:
    part: str  # "preparation" or "follow_up"
    kind: str
    minutes: int
    title: str
    why: str
    link: str = ""
    instructions: str = ""
    goals: tuple[str, ...] = ()  # empty: every goal of the course


@dataclass
class CourseSpec:
    key: str
    owner: str
    title: str = ""
    language: str = "sv"
    for_managers: bool = False
    areas: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    description: str = ""
    tasks: list[Task] = field(default_factory=list)
    materials: list[tuple[str, str]] = field(default_factory=list)


SHARE = Task(
    "follow_up",
    "reflection",
    20,
    "Dela det du lärt dig med arbetsgruppen",
    "Kunskapen ska bli arbetsgruppens, inte bara din: så når den brukaren.",
    instructions="Berätta på nästa arbetsplatsträff om en sak du gör annorlunda efter kursen. "
    "Kom överens med din chef om hur ni följer upp den om några månader.",
)


def _link(text: str) -> str:
    for short, url in LINKS.items():
        if text.startswith(short):
            return url + text.removeprefix(short)
    return text


def _codes(text: str) -> tuple[str, ...]:
    return () if text == "-" else tuple(text.split())


def catalogue(text: str) -> list[CourseSpec]:
    courses: list[CourseSpec] = []
    task: dict | None = None

    def close() -> None:
        nonlocal task
        if task is not None:
            courses[-1].tasks.append(Task(**task))
            task = None

    for raw in text.strip("\n").splitlines():
        line = raw.strip()
        if raw.startswith("== "):
            close()
            key, owner, *flags = line[3:].split()
            language = next((f for f in flags if f in ("sv", "da")), "sv")
            courses.append(CourseSpec(key, owner, language=language))
            courses[-1].for_managers = "managers" in flags
        elif not courses[-1].title:
            courses[-1].title = line
        elif line.startswith("for "):
            areas, phases, titles = (part.strip() for part in line[4:].split("|"))
            course = courses[-1]
            course.areas, course.phases = _codes(areas), _codes(phases)
            course.titles = _codes(titles)
        elif line.startswith("goals "):
            courses[-1].goals = tuple(line[6:].split())
        elif line == "F share":
            close()
            courses[-1].tasks.append(SHARE)
        elif line[:2] in ("P ", "F ") and not raw.startswith(" "):
            close()
            part, kind, minutes, goals, *link = line.split()
            task = {
                "part": "preparation" if part == "P" else "follow_up",
                "kind": kind,
                "minutes": int(minutes),
                "goals": () if goals == "-" else tuple(goals.split(",")),
                "link": _link(link[0]) if link else "",
                "title": "",
                "why": "",
            }
        elif line.startswith("M "):
            close()
            link, title = line[2:].split(" ", 1)
            courses[-1].materials.append((title, _link(link)))
        elif task is not None and line.startswith("- "):
            task["why"] = f"{task['why']} {line[2:]}".strip()
        elif task is not None and line.startswith("> "):
            task["instructions"] = f"{task.get('instructions', '')} {line[2:]}".strip()
        elif task is not None:
            task["title"] = f"{task['title']} {line}".strip()
        else:
            courses[-1].description = f"{courses[-1].description} {line}".strip()
    close()
    return courses
