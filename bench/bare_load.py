"""The bare baseline of the YAML load target: PyYAML's C loader and one executemany."""

import json, sqlite3, sys, yaml

events = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
conn = sqlite3.connect(sys.argv[2])
conn.execute(
    "CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT, end TEXT, kind TEXT, status TEXT, title TEXT, countries TEXT, location TEXT, participants TEXT, tags TEXT, summary TEXT, sources TEXT)"
)
cols = [
    "id",
    "date",
    "end",
    "kind",
    "status",
    "title",
    "countries",
    "location",
    "participants",
    "tags",
    "summary",
    "sources",
]


def cell(v):
    return (
        json.dumps(v, ensure_ascii=False)
        if isinstance(v, list)
        else (None if v is None else str(v))
    )


with conn:
    conn.executemany(
        f"INSERT INTO events VALUES ({','.join('?' * len(cols))})",
        [[cell(e.get(c)) for c in cols] for e in events],
    )
