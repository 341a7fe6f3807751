"""Grants that pay for competence development, paid study hours and the report per grant period."""
