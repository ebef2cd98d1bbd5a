"""Writing a checked data set, file by file, each referring to the rows written before it."""

from .writer import Writer

__all__ = ["Writer"]
