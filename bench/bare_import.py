"""The bare baseline of the import target: every row of a GDELT export split on tabs and
inserted as it is (61 text columns) with one executemany: reading and writing, no events."""

import sqlite3
import sys

conn = sqlite3.connect(sys.argv[2])
columns = ", ".join(f"c{i} TEXT" for i in range(61))
conn.execute(f"CREATE TABLE IF NOT EXISTS rows ({columns})")
with open(sys.argv[1], encoding="utf-8", newline="") as rows, conn:
    conn.executemany(
        f"INSERT INTO rows VALUES ({', '.join('?' * 61)})",
        (line.rstrip("\r\n").split("\t") for line in rows),
    )
