# Entries (visits, contacts, assessments, summaries, chronology) and form designs arrive with
# the form designs and recording issues.
