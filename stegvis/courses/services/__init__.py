"""Services of the course catalogue: every change to courses and registrations goes through here."""
