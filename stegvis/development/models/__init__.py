"""Yearly development dialogues (sv medarbetarsamtal, da MUS/GRUS) and written development plans."""

from .dialogues import (
    Dialogue,
    DialogueNote,
    DialogueParticipant,
    DialogueRound,
    Preparation,
    Question,
    QuestionSet,
)
from .plans import DevelopmentPlan, PlanActivity, PlanGoal
from .retention import RetentionPolicy, RetentionRun

__all__ = [
    "DevelopmentPlan",
    "Dialogue",
    "DialogueNote",
    "DialogueParticipant",
    "DialogueRound",
    "PlanActivity",
    "PlanGoal",
    "Preparation",
    "Question",
    "QuestionSet",
    "RetentionPolicy",
    "RetentionRun",
]
