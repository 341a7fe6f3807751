"""Gap analysis: the organisation's requirements against its staff's competence records."""
