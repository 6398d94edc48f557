"""Meeting preparation (会前准备): what changed since the last contact, the notes, the open steps,
an agenda with questions and the conduct reminders for its products — from the bank's data and
policies, masked like every tool result."""
