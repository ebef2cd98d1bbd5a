"""Screens for requests and decisions, one module per screen group."""
