"""The registration endpoints (register, cancel, accept, decline). Being written."""
