"""Courses, their offerings and registrations (see docs/courses.md)."""

from .catalogue import ChecklistTask, Course, CourseMaterial
from .offerings import CourseDay, Offering, OfferingQuota
from .registrations import (
    Attendance,
    CalendarFeed,
    NoticeSent,
    Registration,
    TaskCompletion,
)

__all__ = [
    "Attendance",
    "CalendarFeed",
    "ChecklistTask",
    "Course",
    "CourseDay",
    "CourseMaterial",
    "NoticeSent",
    "Offering",
    "OfferingQuota",
    "Registration",
    "TaskCompletion",
]
