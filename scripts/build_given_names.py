"""Build the given-name gender table the coreference step uses for pronoun agreement.

The table is derived from nomquamgender's name data (MIT licence, Ian Van Buskirk 2022;
https://github.com/ianvanbuskirk/nomquamgender): given names seen at least MIN_COUNT times
whose share of women is at most MAX_SHARE (m) or at least 1 - MAX_SHARE (f). Ambiguous names
(Jean, Andrea, Peyton) are left out, so the article's own evidence decides them.

    .venv/bin/pip install nomquamgender && .venv/bin/python scripts/build_given_names.py
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

MIN_COUNT = 100
MAX_SHARE = 0.1
TARGET = Path(__file__).parent.parent / "src/storyline/extract/models/given_names.txt"
HEADER = (
    "# Given names and the gender they almost always carry (m/f), for pronoun agreement.\n"
    "# Derived by scripts/build_given_names.py from nomquamgender's name data\n"
    "# (MIT licence, Copyright (c) 2022 Ian Van Buskirk).\n"
)


def main() -> None:
    data = json.loads(resources.files("nomquamgender").joinpath("name_data.json").read_text())
    rows = []
    for name, (_, count, share, *_) in data.items():
        if count < MIN_COUNT or not (name.isascii() and name.isalpha()):
            continue
        if share <= MAX_SHARE:
            rows.append(f"{name}\tm")
        elif share >= 1 - MAX_SHARE:
            rows.append(f"{name}\tf")
    TARGET.write_text(HEADER + "\n".join(sorted(rows)) + "\n")
    print(f"{len(rows)} names written to {TARGET}")


if __name__ == "__main__":
    main()
