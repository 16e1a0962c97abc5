"""Numbers in words, written one way everywhere: `1 event`, `1,000,000 events`."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """The number with thousands separators and the noun, plural unless it is one."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
