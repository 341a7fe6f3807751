"""Services of development dialogues and plans."""
