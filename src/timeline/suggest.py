"""Did you mean...? The near misses that error messages suggest."""

from __future__ import annotations

from collections.abc import Iterable


def close_matches(
    word: str, candidates: Iterable[str], n: int = 1, cutoff: float = 0.6
) -> list[str]:
    import difflib  # only when there is a mistake to explain

    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=cutoff)
