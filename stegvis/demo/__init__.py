"""Deterministic demo data: Fyrbodal's 14 municipalities and Randers, with staff and logins."""
