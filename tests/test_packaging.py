"""What a regular install (`pip install .`, a wheel) carries: setuptools copies only the
Python modules and the data files `package-data` names, while an editable install reads
the source tree, so a file left out of the list works in development and is missing for
every user."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "timeline"


def test_every_data_file_of_the_package_is_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["timeline"]
    data = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert "extraction/leaders.yaml" in data  # the check sees the files it must
    assert [name for name in data if not any(fnmatch(name, p) for p in patterns)] == []
