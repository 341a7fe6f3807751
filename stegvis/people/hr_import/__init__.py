"""Import people and employments from an HR or payroll system's export (CSV or XLSX).

The steps, for the pages and the background task:

1. ``read_upload(data, file_name, delimiter="", encoding="") -> Sheet`` reads the file.
2. ``suggest_mapping(sheet.headers)`` proposes our field → column; ``mapping_save`` keeps it.
3. ``plan_import(sheet, mapping, municipality, full_export=True, progress=...) -> ImportPlan``
   compares with the database (no writes); ``record_plan(report, plan)`` stores the preview.
4. ``apply_import(plan, actor=..., municipality=..., report=..., progress=...)`` writes it all in
   one transaction, or refuses when the plan has errors.
5. ``error_report_csv(report)`` gives the errors as a spreadsheet-safe CSV.
"""

from .apply import apply_import
from .columns import FIELDS, REQUIRED_FIELDS, SYNONYMS, mapping_problems, suggest_mapping
from .plan import Change, ImportPlan, plan_import
from .reading import Problem, Row, Sheet, read_upload
from .report import error_report_csv, mapping_for, mapping_save, neutralise, record_plan

__all__ = [
    "FIELDS",
    "REQUIRED_FIELDS",
    "SYNONYMS",
    "Change",
    "ImportPlan",
    "Problem",
    "Row",
    "Sheet",
    "apply_import",
    "error_report_csv",
    "mapping_for",
    "mapping_problems",
    "mapping_save",
    "neutralise",
    "plan_import",
    "read_upload",
    "record_plan",
    "suggest_mapping",
]
