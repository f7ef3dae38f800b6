#!/usr/bin/env python3
"""Train the text-dump line model and write it into the package (clean/models/lines.json).

usage: .venv/bin/python scripts/train_line_model.py [--shared ../shared] [--out PATH]

Examples: every English page of ../shared/corpus/html-readability rendered as a text dump by
../shared/tools/html2dump.py (lines labelled against the gold body), the seeds and the example
corpus. Two ensembles: body line vs furniture over every non-blank line; headline vs not over
the lines above the body. ``storyline bench clean`` measures the same recipe on held-out sites
(``train`` below is what it calls per fold).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storyline.bench.line_data import LabelledPage, training_pages
from storyline.bench.line_training import train

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "src/storyline/clean/models/lines.json")
    args = parser.parse_args()
    pages: list[LabelledPage] = training_pages(args.shared)
    model = train(pages)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n")
    print(f"{len(pages)} pages → {args.out}")


if __name__ == "__main__":
    main()
