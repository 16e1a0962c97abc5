"""Text as a terminal shows it: how many cells it takes (Korean, Japanese and Chinese
characters take two), words wrapped to a width, and styles as escape codes."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.text import Text


def wrapped(text: str, width: int) -> list[str]:
    """Words in lines of at most `width` cells, as UAX #14 breaks them where a terminal
    can show it: at spaces (Korean too), and Japanese and Chinese, written without spaces,
    between phrases (BudouX) and never before a small kana, a closing bracket or a comma
    (kinsoku shori); a unit longer than the line is folded, by the same rule."""
    if len(text) <= width and (text.isascii() or cell_width(text) <= width):
        return [text]  # the common case, without measuring (no character is under a cell)
    if text.isprintable() and "  " not in text and width > 0 and text[0] != " " != text[-1]:
        lines, too_long = _one_cell_lines(width)
        if (text.isascii() or cell_width(text) == len(text)) and not too_long.search(text):
            return lines.findall(text)  # the next case: a cell a character, in C
    return _wrapped_words(text, width)


@cache
def _one_cell_lines(width: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For text of one-cell characters, one space between words: the lines
    `_wrapped_words` makes of it (the most words that fit, then the space that ends
    them), and a word too long for a line, which only it folds."""
    return re.compile(rf"([^ ].{{0,{width - 1}}})(?: |$)"), re.compile(rf"[^ ]{{{width + 1}}}")


def _wrapped_words(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        for number, unit in enumerate(_phrases(word) if _UNSPACED.search(word) else [word]):
            glue = " " if number == 0 else ""  # a word's phrases join without a space
            size = cell_width(unit)
            if line and used + len(glue) + size <= width:
                line, used = line + glue + unit, used + len(glue) + size
                continue
            if line:
                lines.append(line)
            if size <= width:
                line, used = unit, size
                continue
            *whole, line = _folded(unit, width)
            lines += whole
            used = cell_width(line)
    lines.append(line)
    return lines


# Kana and Han: text written without spaces, broken between its phrases.
_UNSPACED = re.compile("[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile("[\u3041-\u30ff]")
# Kinsoku shori (JIS X 4051): what may not start a line, and what may not end one.
_NO_START = frozenset(
    ")]}、。，．・：；？！ー～〜‐゠々〻ゝゞヽヾ"
    "）〕］｝〉》」』】〙〗〟’”｠»"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
_NO_END = frozenset("([{（〔［｛〈《「『【〘〖〝‘“｟«")


def _phrases(word: str) -> list[str]:
    """A word of Japanese or Chinese as its phrases (`日韓首脳会談を` `奈良で` `開催`), by
    Google's BudouX: a small model, loaded the first time such a word must be broken."""
    parser = _parser("ja" if _KANA.search(word) else "zh")
    return [phrase for phrase in parser.parse(word) if phrase]


@cache
def _parser(language: str) -> Any:
    import budoux

    if language == "ja":
        return budoux.load_default_japanese_parser()
    return budoux.load_default_simplified_chinese_parser()


def _folded(unit: str, width: int) -> list[str]:
    """A unit wider than the line, cut into lines of at most `width` cells, each cut
    moved back while it would start a line with a small kana or a closing bracket, or
    end one with an opening bracket (where no cut can keep the rules, the widest one)."""
    lines = []
    rest = unit
    while cell_width(rest) > width:
        widest = cut = len(chop_cells(rest, width)[0])
        while cut > 1 and _forbidden(rest, cut):
            cut -= 1
        if _forbidden(rest, cut):
            cut = widest
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(rest)
    return lines


def _forbidden(text: str, cut: int) -> bool:
    return text[cut] in _NO_START or text[cut - 1] in _NO_END


def cell_width(text: str) -> int:
    """Terminal cells: Korean, Japanese and Chinese characters take two. Counted here for
    text of one-cell letters and those wide characters (rich's measure, character by
    character, was the view's largest cost); anything else is measured by rich."""
    if text.isascii():
        return len(text)
    if _NARROW_OR_WIDE.fullmatch(text):
        return len(text) + len(_WIDE.findall(text))
    return cell_len(text)


_WIDE_RANGES = "\u3000-\u303e\u3041-\u30ff\u3131-\u318e\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60"
_WIDE = re.compile(f"[{_WIDE_RANGES}]")
# Latin, Greek, Cyrillic, general punctuation (dashes, quotes): one cell each.
_NARROW_OR_WIDE = re.compile(f"[\x20-\x7e\xa0-\u02ff\u0370-\u04ff\u2010-\u2027{_WIDE_RANGES}]*")


def pad(text: str, width: int) -> str:
    return text + " " * (width - cell_width(text))


class Painter:
    """Text in a style, as the terminal's escape codes, each style rendered once by rich:
    none without a terminal, and no colours (but bold, dim...) under NO_COLOR, as rich
    prints."""

    def __init__(self, console: Console) -> None:
        from rich.color import ColorSystem

        systems = {
            "standard": ColorSystem.STANDARD,
            "256": ColorSystem.EIGHT_BIT,
            "truecolor": ColorSystem.TRUECOLOR,
            "windows": ColorSystem.WINDOWS,
        }
        self.system = systems.get(console.color_system or "")
        self.plain = self.system is None  # every style is left out
        self.no_color = console.no_color
        self.codes: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str, style: str) -> str:
        if not style or self.system is None or not text:
            return text
        codes = self.codes.get(style)
        if codes is None:
            from rich.style import Style

            parsed = Style.parse(style)
            if self.no_color:
                parsed = parsed.without_color
            before, _, after = parsed.render("\0", color_system=self.system).partition("\0")
            codes = self.codes[style] = (before, after)
        return codes[0] + text + codes[1]


def flowed(items: list[Text], width: int, indent: int = 0, sep: str = "  ") -> Text:
    """Items `sep` apart, broken into lines between items, never inside one (what ends
    the separator, its spaces, is left out at a break); lines after the first start
    `indent` cells in."""
    lines = [Text()]
    empty = True  # the current line holds no item yet
    for item in items:
        if not empty and lines[-1].cell_len + len(sep) + item.cell_len > width:
            lines[-1].append(sep.rstrip())
            lines.append(Text(" " * indent))
            empty = True
        if not empty:
            lines[-1].append(sep)
        lines[-1].append_text(item)
        empty = False
    return Text("\n").join(lines)
