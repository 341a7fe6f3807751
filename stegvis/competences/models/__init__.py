"""The competence model: frameworks of areas, competences and knowledge goals; basic competence
of job titles; competence ladders; requirements; and each person's append-only record."""

from .frameworks import Framework, Item, KnowledgeForm, Layer, Source
from .ladders import Ladder, LadderPlacement, LadderStep
from .records import CompetenceRecord
from .requirements import Requirement
from .titles import BasicCompetenceRule

__all__ = [
    "BasicCompetenceRule",
    "CompetenceRecord",
    "Framework",
    "Item",
    "KnowledgeForm",
    "Ladder",
    "LadderPlacement",
    "LadderStep",
    "Layer",
    "Requirement",
    "Source",
]
