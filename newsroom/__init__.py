"""Newsroom: a static site generator for investor-relations newsrooms."""

__version__ = "0.1.0"
