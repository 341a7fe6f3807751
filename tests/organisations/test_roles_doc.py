from pathlib import Path

from stegvis.organisations.models import Role
from stegvis.organisations.roles import CAPABILITIES, Capability, markdown_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def test_the_roles_table_in_the_docs_is_the_one_in_the_code():
    text = DOC.read_text(encoding="utf-8")
    start = text.index("<!-- roles-table:start -->") + len("<!-- roles-table:start -->")
    end = text.index("<!-- roles-table:end -->")
    assert text[start:end].strip() == markdown_table().strip(), (
        "docs/architecture.md is out of date: paste markdown_table() between the markers"
    )


def test_every_role_has_capabilities_and_only_administrators_maintain_the_tree():
    assert set(CAPABILITIES) == set(Role)
    assert {r for r, caps in CAPABILITIES.items() if Capability.MAINTAIN_ORGANISATION in caps} == {
        Role.ADMINISTRATOR
    }
    assert all(
        Capability.VIEW_STAFF not in CAPABILITIES[r]
        for r in (Role.STATISTICS_READER, Role.AUDITOR, Role.COURSE_LEADER, Role.EMPLOYEE)
    )
