"""Screens for persons, cases, assessments and the person file, one module per screen group."""
