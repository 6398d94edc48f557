"""Capturing what happened: an RM's note read into a structured interaction, checked against
the bank's data playbook, shown back for confirmation and saved through the repository."""
