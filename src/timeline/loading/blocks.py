"""Files read as blocks of whole lines: what one worker's task holds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

BLOCK = 1024 * 1024  # bytes read at a time; a block of lines is one worker's task


def line_blocks(blocks: Iterable[bytes], first_line: int = 1) -> Iterator[tuple[bytes, int]]:
    """Blocks of bytes as blocks of whole lines, each with the number of its first line
    (a line longer than a block is read on until it ends)."""
    rest = b""
    for block in blocks:
        data = rest + block
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest = data
            continue
        yield data[:cut], first_line
        first_line += data.count(b"\n", 0, cut)
        rest = data[cut:]
    if rest:
        yield rest, first_line
