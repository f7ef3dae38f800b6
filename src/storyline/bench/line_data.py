"""Labelled text dumps for the line model: every page whose body is known is an example.

Two kinds of source, read at training or benchmark time, never copied into the repository:
- ``../shared/corpus/html-readability``: each page rendered by ``../shared/tools/html2dump.py``
  (what a scraper saves), its lines labelled against the page's gold body by that tool;
- gold sets in the seeds' shape (``gold.jsonl`` with ``boilerplate_lines``): the seeds, the
  example corpus (its ``ANSWERS.md``).
Each page carries a group (its site) so that cross-validation never tests on a site it
trained on.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

from storyline.clean.dates import DATE_PREFIX

BOILERPLATE, BODY, TITLE = 0, 1, 2

# A page folder's site: "nytimes-3" and "nytimes-1" are one site.
_PAGE_NUMBER = re.compile(r"-\d+$")

# Pages whose gold body has too few words of English to say what a news body looks like.
_ENGLISH = frozenset(
    "the of and to a in is that for it on was with as by at be this from".split()  # noqa: SIM905
)
MIN_ENGLISH_SHARE = 0.2


def normalized(line: str | None) -> str:
    """Return a line folded for comparison: NFKC, quotes dropped, spaces collapsed, lowercase."""
    text = unicodedata.normalize("NFKC", line or "")
    text = re.sub(r"[\"'`‘’“”]", "", text)
    return " ".join(text.split()).lower()


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Return the gold records of a folder: its gold.jsonl, or the JSON blocks of ANSWERS.md."""
    jsonl = gold_dir / "gold.jsonl"
    if jsonl.is_file():
        return [json.loads(line) for line in jsonl.read_text().splitlines() if line.strip()]
    answers = (gold_dir / "ANSWERS.md").read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", answers, re.S)]


def article_path(gold_dir: Path, name: str) -> Path:
    """Return the file of a gold record: beside gold.jsonl or in its articles/ folder."""
    nested = gold_dir / "articles" / name
    return nested if nested.is_file() else gold_dir / name


def fold_of(sites: list[str], folds: int) -> dict[str, int]:
    """Return each site's fold: sites sorted by name, dealt round-robin (the same every run)."""
    return {site: k % folds for k, site in enumerate(sorted(set(sites)))}


@dataclass
class LabelledPage:
    """One text dump, a label per input line (None for blank lines), and its site."""

    name: str
    site: str
    lines: list[str]
    labels: list[int | None]
    text: str = ""  # the dump as a scraper saved it (crawler prefix included)
    published: str | None = None
    published_scored: bool = False


def html2dump(shared: Path) -> ModuleType:
    """Return the shared renderer module (``tools/html2dump.py``)."""
    path = shared / "tools" / "html2dump.py"
    spec = importlib.util.spec_from_file_location("html2dump", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("html2dump", module)
    spec.loader.exec_module(module)
    return module


def readability_pages(shared: Path) -> Iterator[LabelledPage]:
    """Yield html-readability's English pages rendered as dumps, labelled by their gold body."""
    tool = html2dump(shared)
    corpus = shared / "corpus" / "html-readability"
    for folder in sorted(p for p in corpus.iterdir() if (p / "source.html").is_file()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        if not (meta.get("lang") or "en").lower().startswith("en"):
            continue
        source = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
        expected = (folder / "expected.html").read_text(encoding="utf-8", errors="replace")
        try:
            dump = tool.render(source)
            body = tool.lxml_html.fromstring(expected).text_content()
        except Exception:  # a page the renderer cannot read teaches nothing; html2dump skips it too
            continue
        body_words = tool.words(body)
        if not body_words or sum(w in _ENGLISH for w in body_words) / len(body_words) < (
            MIN_ENGLISH_SHARE
        ):
            continue
        lines = dump.split("\n")
        title = _title_line(tool, lines, meta.get("title"))
        title_norms = {tool.norm(title)} if title else set()
        content, _ = tool.body_lines(dump, body, title_norms)
        content_set = set(content)
        labels: list[int | None] = []
        title_seen = False
        for line in lines:
            if not line.strip():
                labels.append(None)
            elif title and not title_seen and tool.norm(line) == tool.norm(title):
                labels.append(TITLE)
                title_seen = True
            else:
                labels.append(BODY if line in content_set else BOILERPLATE)
        day = (meta.get("publishedTime") or "")[:10]
        published = day if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None
        yield LabelledPage(
            name=folder.name,
            site=_PAGE_NUMBER.sub("", folder.name),
            lines=lines,
            labels=labels,
            text=dump,
            published=published,
            published_scored=bool(published and tool.shows_date(dump, published)),
        )


def _title_line(tool: ModuleType, lines: list[str], title: str | None) -> str | None:
    """Return the headline line as html2dump's gold set picks it (see its ``readability``)."""
    wanted = tool.norm(title)
    if not wanted:
        return None
    shown = [line for line in lines if line.strip()][:80]
    exact = [line for line in shown if tool.norm(line) == wanted]
    near = [
        line
        for line in shown
        if len(tool.norm(line)) > 15
        and (tool.norm(line) in wanted or wanted in tool.norm(line))
        and len(tool.norm(line)) >= 0.6 * len(wanted)
    ]
    found = exact or near
    return found[0] if found else None


def gold_pages(gold_dir: Path, site_prefix: str) -> Iterator[LabelledPage]:
    """Yield the pages of a gold set in the seeds' shape, labelled by its boilerplate lines."""
    for record in load_gold(gold_dir):
        path = article_path(gold_dir, record["file"])
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        if lines:
            lines[first] = DATE_PREFIX.sub("", lines[first])
        furniture = {normalized(x) for x in record.get("boilerplate_lines", [])}
        title = normalized(record.get("title"))
        labels: list[int | None] = []
        title_seen = False
        for line in lines:
            key = normalized(line)
            if not key:
                labels.append(None)
            elif title and key == title and not title_seen:
                labels.append(TITLE)
                title_seen = True
            else:
                labels.append(BOILERPLATE if key in furniture else BODY)
        outlet = record.get("outlet") or record["file"]
        yield LabelledPage(
            name=record["file"],
            site=f"{site_prefix}:{outlet}",
            lines=lines,
            labels=labels,
            text=text,
            published=record.get("published"),
            published_scored=record.get("published_scored", True),
        )


def training_pages(shared: Path) -> list[LabelledPage]:
    """Return every labelled dump the line model learns from, each with its site."""
    pages = list(readability_pages(shared))
    if (shared / "seeds" / "gold.jsonl").is_file():
        pages += gold_pages(shared / "seeds", "seeds")
    pages += gold_pages(Path(str(resources.files("storyline") / "examples" / "corpus")), "example")
    return pages
