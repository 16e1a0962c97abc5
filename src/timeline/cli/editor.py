"""The user's editor, opened at a line of a file (`timeline edit`), as git finds it:
$VISUAL, else $EDITOR, else vi."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from timeline.errors import TimelineError

# Editors that open a file at a line with `+LINE FILE`, and those that take `--goto
# FILE:LINE` (VS Code and its builds) or `FILE:LINE` (Sublime Text, Zed, Helix).
_PLUS_LINE = {"vi", "vim", "nvim", "gvim", "mvim", "view", "nano", "pico", "emacs",
              "emacsclient", "micro", "kak", "joe", "jed", "mg", "ne", "vis"}  # fmt: skip
_GOTO = {"code", "code-insiders", "codium", "vscodium", "cursor"}
_COLON = {"subl", "sublime_text", "zed", "hx", "helix"}


def editor() -> list[str]:
    """The editor's command line: $VISUAL, else $EDITOR, else vi (split as a shell
    would: `EDITOR="code --wait"`)."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError as error:
                raise TimelineError(f"${variable} is not a command ({error}): {value}") from None
    if shutil.which("vi"):
        return ["vi"]
    raise TimelineError("no editor: set $VISUAL or $EDITOR (export EDITOR=nano)")


def at_line(command: list[str], path: Path, line: int | None) -> list[str]:
    """The editor's command to open `path` at `line`, in the form that editor reads; an
    editor none of these forms is known for opens the file at its top."""
    name = Path(command[0]).name.removesuffix(".exe")
    if line is None:
        return [*command, str(path)]
    if name in _PLUS_LINE:
        return [*command, f"+{line}", str(path)]
    if name in _GOTO:
        return [*command, "--goto", f"{path}:{line}"]
    if name in _COLON:
        return [*command, f"{path}:{line}"]
    return [*command, str(path)]


def run_editor(path: Path, line: int | None) -> None:
    """Open the file in the editor and wait for it; a failed editor is one line."""
    command = at_line(editor(), path, line)
    try:
        status = subprocess.run(command, check=False).returncode
    except OSError as error:
        raise TimelineError(f"cannot start the editor {command[0]!r}: {error.strerror}") from None
    if status:
        raise TimelineError(f"the editor {command[0]!r} exited with status {status}")
