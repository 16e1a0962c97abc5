"""Event ids: the pattern an id follows, and the id of an event written without one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from timeline.dates import PartialDate

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")


def derive_id(date: PartialDate, countries: Sequence[str], title: str) -> str:
    """The id of an event written without one: its date, its countries and the readable
    Latin words of its title (`2026-01-13-jp-kr-summit`), the same on every machine and
    Python version. When those words do not carry the whole title (Korean, Japanese or
    Chinese text in it, words cut off, more than three countries), a short hash of the
    normalised title and all the countries follows, so that two different events never
    share an id by accident (`2026-11-11-apec-3f1c9a2e`)."""
    normal = " ".join(unicodedata.normalize("NFKC", title).casefold().split())
    latin, other_script = _latin(normal)
    words = re.findall(r"[a-z0-9]+", latin)
    slug, cut = "", False
    for word in words:
        if len(slug) + len(word) + 1 > 48:
            cut = True
            break
        slug = f"{slug}-{word}" if slug else word
    codes = sorted(code.lower() for code in countries)
    parts = [_date_words(date), *codes[:3]] + ([slug] if slug else [])
    if cut or other_script or not slug or len(codes) > 3:
        parts.append(_short_hash("|".join(codes) + "\n" + normal))
    return "-".join(parts)


def _date_words(date: PartialDate) -> str:
    """The date as an id writes it: its digits and words (`2024-35`, `late-1971`,
    `before-1994`), never EDTF's qualifiers and signs (`c. 1971` is `1971`)."""
    written = date.iso().removesuffix(date.qualifier)
    if date.precision == "open":
        written = f"{date.part} {PartialDate(date.year, date.month, date.day).iso()}"
    return "-".join(re.findall(r"[a-z0-9]+", written.lower()))


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _latin(text: str) -> tuple[str, bool]:
    """The text with its accents dropped (é is e) and other characters made spaces, so
    that they part words (Lee–Takaichi is lee takaichi); and whether a letter or digit of
    another script was among them."""
    if text.isascii():
        return text, False
    other_script = False

    def replace(run: re.Match[str]) -> str:
        nonlocal other_script
        kept = [ch for ch in run[0] if not unicodedata.combining(ch)]
        other_script = other_script or any(ch.isalnum() for ch in kept)
        return " " if kept else ""

    return _NOT_ASCII.sub(replace, unicodedata.normalize("NFKD", text)), other_script


def legacy_id(date: PartialDate, title: str) -> str:
    """The id that releases up to 0.1 derived (date and the Latin part of the title only):
    a load renames an event stored under it to its `derive_id`, so an upgrade keeps every
    event once."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 48:
            break
        slug = f"{slug}-{word}" if slug else word
    if not slug or len(ascii_title) < len(title) / 2:
        import hashlib

        slug = (slug + "-" if slug else "") + hashlib.sha1(title.encode()).hexdigest()[:8]
    return f"{date.iso()}-{slug}"


def _short_hash(text: str) -> str:
    import hashlib  # 10 ms to import: only when an id is derived

    return hashlib.sha256(text.encode()).hexdigest()[:8]
