"""Numbers and lists in words, written one way everywhere: `1 event`, `1,000,000 events`,
`summits, visits and calls`."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """The number with thousands separators and the noun, plural unless it is one."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def joined(items: list[str], last: str = "and") -> str:
    """Items as English lists them: `A`, `A and B`, `A, B and C`."""
    if len(items) < 3:
        return f" {last} ".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
