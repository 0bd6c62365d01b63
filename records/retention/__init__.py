"""Retention (issue 18): how long each child's record is kept, the data protection officer's review of those past
their date, legal holds, and erasure decided by two people, leaving a tombstone."""
