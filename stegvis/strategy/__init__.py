"""The unit's yearly strategy plan for competence development, and the joint committee's record."""
