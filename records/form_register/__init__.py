"""The form register (§2): every fixed form users fill in, its fields, and senior leadership's approval of each version."""
