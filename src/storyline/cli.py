"""The ``storyline`` command: the contract's commands as a thin skin over the Python API."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from storyline.errors import StorylineError
from storyline.render import labelled, printable, spreadsheet_cell
from storyline.store.base import DEFAULT_DB, RECORD_KINDS, Store, open_store

app = typer.Typer(
    help="Turn raw news articles into a sourced, dated, cross-checked account of a story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks: print figures, never pass/fail.", no_args_is_help=False)
app.add_typer(bench_app, name="bench")
stories_app = typer.Typer(
    help="An analyst's corrections to grouping, kept and honoured by every later ingest.",
    no_args_is_help=True,
)
app.add_typer(stories_app, name="stories")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

# Exit statuses of the contract.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLite path or postgresql:// URL [env STORYLINE_DB, default storyline.db]"
    ),
]


def example_corpus() -> Path:
    """Return the folder of the bundled example corpus (fictional articles, one storyline)."""
    return Path(str(resources.files("storyline") / "examples" / "corpus"))


def _db(db: str | None) -> str:
    return db or os.environ.get("STORYLINE_DB") or DEFAULT_DB


def _fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    err.print(labelled("error:", "red", message), highlight=False)
    return typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, globs, or - for stdin.")
    ] = None,
    db: DbOption = None,
    example: Annotated[
        bool, typer.Option("--example", help="Ingest the bundled example corpus.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Parser processes [default: cores, ≤2].")
    ] = None,
    article_seconds: Annotated[
        float | None,
        typer.Option(
            "--article-seconds",
            min=0,
            help=(
                "Seconds an article may spend in cleaning, and again in extraction, per 50,000"
                " characters (default 30; 0: no limit)."
            ),
        ),
    ] = None,
) -> None:
    """Read articles, run the whole pipeline and store the results."""
    from storyline.engine import ARTICLE_SECONDS, DEFAULT_WORKERS
    from storyline.engine import ingest as run_ingest

    specs = list(paths or [])
    if example:
        specs.append(str(example_corpus()))
    if not specs:
        raise _fail("give at least one PATH (or - for stdin, or --example)", EXIT_USAGE)
    try:
        store = open_store(_db(db))
    except StorylineError as error:
        raise _fail(str(error), EXIT_USAGE) from None
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),  # descriptions name input files
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def progress(source: str) -> None:
            if source == "corpus":
                bar.update(task, description="grouping and dating the corpus")
            else:
                name = printable(Path(source).name)[:40]
                bar.update(task, advance=1, description=f"reading {name}")

        try:
            report = run_ingest(
                specs,
                store,
                stdin=sys.stdin.buffer,
                progress=progress,
                workers=workers or DEFAULT_WORKERS,
                article_seconds=ARTICLE_SECONDS if article_seconds is None else article_seconds,
            )
        except StorylineError as error:  # the store failed (disk full, damaged file, ...)
            raise _fail(str(error)) from None
        finally:
            _close(store)
    for notice in report.notices:
        err.print(labelled("note:", "dim", notice), highlight=False)
    for failure in report.errors:
        err.print(labelled("error:", "red", failure), highlight=False)
    err.print(
        f"{report.read} articles read: {report.added} added, {report.unchanged} already stored; "
        f"{len(report.errors)} inputs failed",
        highlight=False,
    )
    if report.failed or report.read == 0:
        if report.read == 0 and not report.errors:
            err.print("[red]error:[/red] no articles found in the given inputs", highlight=False)
        raise typer.Exit(EXIT_FAILED)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    json = "json"


@app.command()
def export(
    what: Annotated[str, typer.Option("--what", help=f"One of: {', '.join(RECORD_KINDS)}.")],
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.jsonl,
) -> None:
    """Write stored records of one kind to stdout (JSON Lines by default)."""
    if what not in RECORD_KINDS:
        raise _fail(f"--what must be one of {', '.join(RECORD_KINDS)}", EXIT_USAGE)
    store = _open_existing(_db(db))
    try:
        _write(store.records(what), format)
    except StorylineError as error:
        raise _fail(str(error)) from None
    finally:
        _close(store)


def _open_existing(db: str) -> Store:
    """Return the store at an existing --db, for reading, or exit with a usage error why not."""
    if "://" not in db and not Path(db).exists():
        raise _fail(f"{db}: no such database (run storyline ingest first)", EXIT_USAGE)
    try:
        return open_store(db, writable=False)
    except StorylineError as error:
        raise _fail(str(error), EXIT_USAGE) from None


def _close(store: Store) -> None:
    """Close a store; a failure to (an I/O error) is one line, like every store error."""
    try:
        store.close()
    except StorylineError as error:
        raise _fail(str(error)) from None


def _write(records: Any, format: ExportFormat) -> None:
    stream = sys.stdout
    if format is ExportFormat.jsonl:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif format is ExportFormat.json:
        json.dump(list(records), stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    else:
        writer: csv.DictWriter[str] | None = None
        for record in records:
            flat = {
                k: spreadsheet_cell(
                    json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                )
                for k, v in record.items()
            }
            if writer is None:
                writer = csv.DictWriter(stream, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)


@app.command()
def dates(
    file: Annotated[str, typer.Argument(help="A text file, or - for stdin.")] = "-",
    ref: Annotated[
        str | None, typer.Option("--ref", help="Reference date YYYY-MM-DD (the publication date).")
    ] = None,
) -> None:
    """Find and normalize the temporal expressions in one text (JSON Lines of timexes)."""
    from storyline.ingest.decode import decode
    from storyline.model import to_record
    from storyline.temporal import find_timexes

    reference = None
    if ref is not None:
        try:
            reference = dt.date.fromisoformat(ref)
        except ValueError:
            raise _fail(f"--ref {ref!r} is not a YYYY-MM-DD date", EXIT_USAGE) from None
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        repaired, encoding = decode(file if file != "-" else "<stdin>", data)
    except OSError as error:
        raise _fail(f"{file}: cannot read ({error.strerror or error})") from None
    except StorylineError as error:
        raise _fail(str(error)) from None
    # Offsets index the caller's characters, not the repaired text ("&amp;" stays 5 long, a
    # CRLF 2): the engine reads the input as decoded, before any repair, and repairs what it
    # needs itself. Bytes no plain codec reads keep the repaired text.
    text = repaired
    for codec in ("utf-8-sig", encoding):
        try:
            text = data.decode(codec) if codec else text
            break
        except (UnicodeDecodeError, LookupError):
            continue
    for timex in find_timexes(text, reference):
        record = to_record(timex)
        record.pop("article_id", None)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command()
def timeline(
    story: Annotated[
        str | None, typer.Argument(help="A storyline or event id, or words of its label.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Print a story's dated timeline for a person to read."""
    from storyline.render import render_timeline

    store = _open_existing(_db(db))
    try:
        shown = render_timeline(store, story, out)
    except StorylineError as error:
        raise _fail(str(error)) from None
    finally:
        _close(store)
    if not shown:
        raise _fail(
            f"no story matches {story!r}" if story else "no dated events stored yet", EXIT_FAILED
        )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback only by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Server processes (each with its own store).")
    ] = 1,
) -> None:
    """Web UI and HTTP API (OpenAPI at /docs); corrections need STORYLINE_TOKEN set."""
    import uvicorn

    from storyline.web import create_app
    from storyline.web.app import page_warm_wanted

    store = _open_existing(_db(db))  # a missing or unusable database is one line, before binding
    _close(store)
    token = os.environ.get("STORYLINE_TOKEN") or None
    err.print(
        f"storyline: serving {_db(db)} on http://{host}:{port}/ "
        f"({'corrections allowed with the token' if token else 'read-only: no STORYLINE_TOKEN'})",
        highlight=False,
        markup=False,
    )
    try:
        if workers == 1:
            web_app = create_app(_db(db), token, warm=page_warm_wanted())
            uvicorn.run(web_app, host=host, port=port, log_level="warning")
        else:  # worker processes import the app: the database reaches them by environment
            os.environ["STORYLINE_SERVE_DB"] = _db(db)
            uvicorn.run(
                "storyline.web.app:app_from_environment",
                factory=True,
                workers=workers,
                host=host,
                port=port,
                log_level="warning",
            )
    except OSError as error:
        raise _fail(f"{host}:{port}: cannot listen ({error.strerror or error})") from None


def _correct(db: str | None, change: Any) -> Any:
    """Run one correction on the writable store at --db; a bad id is one line, exit 1."""
    database = _db(db)
    if "://" not in database and not Path(database).exists():
        raise _fail(f"{database}: no such database (run storyline ingest first)", EXIT_USAGE)
    try:
        store = open_store(database)
    except StorylineError as error:
        raise _fail(str(error), EXIT_USAGE) from None
    try:
        return change(store)
    except StorylineError as error:
        raise _fail(str(error)) from None
    finally:
        _close(store)


@stories_app.command("merge")
def stories_merge(
    a: Annotated[str, typer.Argument(help="The story that stays (event or storyline id).")],
    b: Annotated[str, typer.Argument(help="The story merged into it (same level).")],
    db: DbOption = None,
) -> None:
    """Merge story B into story A; prints A's id."""
    from storyline.group.corrections import merge

    out.print(_correct(db, lambda store: merge(store, a, b)), highlight=False)


@stories_app.command("split")
def stories_split(
    story: Annotated[str, typer.Argument(help="The story to split (event or storyline id).")],
    articles: Annotated[list[str], typer.Argument(help="Ids of the articles to split off.")],
    db: DbOption = None,
) -> None:
    """Split articles off a story into a new story; prints the new story's id."""
    from storyline.group.corrections import split

    out.print(_correct(db, lambda store: split(store, story, articles)), highlight=False)


@stories_app.command("rename")
def stories_rename(
    story: Annotated[str, typer.Argument(help="The story to rename (event or storyline id).")],
    label: Annotated[str, typer.Argument(help="Its new label.")],
    db: DbOption = None,
) -> None:
    """Give a story a label of the analyst's choosing."""
    from storyline.group.corrections import rename

    _correct(db, lambda store: rename(store, story, label))


@bench_app.callback(invoke_without_command=True)
def bench(
    ctx: typer.Context,
    articles: Annotated[
        int, typer.Option("--articles", help="Corpus size: the example corpus repeated.")
    ] = 2000,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Parser processes [default: cores, ≤2].")
    ] = None,
) -> None:
    """Whole-pipeline throughput on the example corpus repeated to --articles articles."""
    if ctx.invoked_subcommand is not None:
        return
    from storyline.bench.pipeline import bench_pipeline
    from storyline.engine import DEFAULT_WORKERS

    bench_pipeline(example_corpus(), articles, out, workers or DEFAULT_WORKERS)


@bench_app.command("dates")
def bench_dates_command(
    timebank: Annotated[Path, typer.Option(help="Folder of TimeML files.")] = Path(
        "../shared/datasets/timebank"
    ),
    seeds: Annotated[Path, typer.Option(help="Folder of seed articles with gold.jsonl.")] = Path(
        "../shared/seeds"
    ),
) -> None:
    """TempEval-3 style scores on TimeML, storyline beside dateparser's search_dates."""
    from storyline.bench.timebank import bench_dates

    if not timebank.is_dir():
        raise _fail(f"{timebank}: no such folder", EXIT_USAGE)
    bench_dates(timebank, seeds if seeds.is_dir() else None, out)


@bench_app.command("html")
def bench_html_command(
    corpus: Annotated[Path, typer.Option(help="The html-readability folder.")] = Path(
        "../shared/corpus/html-readability"
    ),
) -> None:
    """HTML extraction against gold, storyline beside trafilatura alone."""
    from storyline.bench.html import bench_html

    if not corpus.is_dir():
        raise _fail(f"{corpus}: no such folder", EXIT_USAGE)
    bench_html(corpus, out)


@bench_app.command("groups")
def bench_groups_command(
    ecbplus: Annotated[Path, typer.Option(help="The ecbplus-dev folder.")] = Path(
        "../shared/corpus/ecbplus-dev"
    ),
    seeds: Annotated[Path, typer.Option(help="Folder of seed articles with gold.jsonl.")] = Path(
        "../shared/seeds"
    ),
    minilm: Annotated[
        bool, typer.Option(help="Also MiniLM embeddings in place of TF-IDF (held-out ECB+).")
    ] = False,
) -> None:
    """Event and storyline clustering, B-cubed against ECB+ and the seeds."""
    from storyline.bench.groups import bench_groups

    if not ecbplus.is_dir():
        raise _fail(f"{ecbplus}: no such folder", EXIT_USAGE)
    examples = [example_corpus(), example_corpus().parent / "calder"]
    try:
        bench_groups(ecbplus, seeds if seeds.is_dir() else None, out, examples, minilm=minilm)
    except StorylineError as error:
        raise _fail(str(error)) from None


@bench_app.command("scale")
def bench_scale_command(
    sizes: Annotated[
        str, typer.Option(help="Store sizes, comma-separated (synthetic articles).")
    ] = "1000,10000,100000",
    new: Annotated[int, typer.Option(help="New articles ingested into each store.")] = 50,
    ecbplus: Annotated[Path, typer.Option(help="The ecbplus-dev folder (real paragraphs).")] = Path(
        "../shared/corpus/ecbplus-dev"
    ),
    workdir: Annotated[
        Path | None, typer.Option(help="Where to build the stores (default: a temporary folder).")
    ] = None,
    keep: Annotated[bool, typer.Option(help="Keep the built stores in --workdir.")] = False,
) -> None:
    """Per-article ingest cost and peak memory into synthetic stores of growing size."""
    from storyline.bench.scale import bench_scale

    try:
        counts = [int(size) for size in sizes.split(",") if size.strip()]
    except ValueError:
        raise _fail(f"--sizes {sizes!r}: give whole numbers, comma-separated", EXIT_USAGE) from None
    if not ecbplus.is_dir():
        raise _fail(f"{ecbplus}: no such folder", EXIT_USAGE)
    try:
        bench_scale(counts, new, ecbplus, out, workdir=workdir, keep=keep)
    except StorylineError as error:
        raise _fail(str(error)) from None


@bench_app.command("clean")
def bench_clean_command(
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    misses: Annotated[bool, typer.Option(help="List held-out title and date misses.")] = False,
    html: Annotated[bool, typer.Option(help="Also run the HTML figures (bench html).")] = True,
) -> None:
    """Cleaning on every gold set in one run: text dumps on held-out sites (5-fold) and with
    the shipped model, html-readability as HTML beside trafilatura and htmldate alone."""
    from storyline.bench.cleaning import bench_clean

    if not (shared / "corpus" / "html-readability").is_dir():
        raise _fail(f"{shared}/corpus/html-readability: no such folder", EXIT_USAGE)
    bench_clean(shared, out, misses, html)


@bench_app.command("warc")
def bench_warc_command(
    megabytes: Annotated[int, typer.Option(help="Size of the WARC.GZ to build.")] = 1024,
    workdir: Annotated[
        Path | None, typer.Option(help="Where to build it (default: a temporary folder).")
    ] = None,
) -> None:
    """Streams a WARC.GZ built for the purpose: records/s, MB/s, peak memory, cleaning rate."""
    import tempfile

    from storyline.bench.html import bench_warc_memory

    with tempfile.TemporaryDirectory() as scratch:
        bench_warc_memory(workdir or Path(scratch), megabytes << 20, out)


@bench_app.command("seeds")
def bench_seeds_command(
    seeds: Annotated[
        Path, typer.Option(help="Folder of articles with gold.jsonl (or ANSWERS.md).")
    ] = Path("../shared/seeds"),
) -> None:
    """Cleaning quality on a gold set: titles, dates, boilerplate lines, body lines kept."""
    from storyline.bench.cleaning import bench_cleaning

    if not ((seeds / "gold.jsonl").is_file() or (seeds / "ANSWERS.md").is_file()):
        raise _fail(f"{seeds}: no gold.jsonl or ANSWERS.md there", EXIT_USAGE)
    bench_cleaning(seeds, out)


@bench_app.command("quotes")
def bench_quotes_command(
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    misses: Annotated[
        Path | None, typer.Option(help="Write every miss (JSON Lines) to this file.")
    ] = None,
) -> None:
    """Who said what: quotes, speakers, relays, reported speech; ECB+ held out by topic."""
    from storyline.bench.quotes import bench_quotes

    if not (shared / "corpus" / "ecbplus-quotes").is_dir():
        raise _fail(f"{shared}/corpus/ecbplus-quotes: no such folder", EXIT_USAGE)
    bench_quotes(shared, example_corpus(), out, misses)


@bench_app.command("crosscheck")
def bench_crosscheck_command(
    seeds: Annotated[Path, typer.Option(help="Folder of the seed articles.")] = Path(
        "../shared/seeds"
    ),
    unlabelled: Annotated[
        Path | None,
        typer.Option(help="Articles without gold: what is found, counted."),
    ] = None,
    ecbplus: Annotated[
        Path, typer.Option(help="ECB+ dev's articles.jsonl, scored per fold of topics.")
    ] = Path("../shared/corpus/ecbplus-dev/articles.jsonl"),
) -> None:
    """Contradictions and claim/response pairs against the gold: seeds, example, ECB+ dev."""
    from storyline.bench.crosscheck import bench_crosscheck

    corpora = {"example": example_corpus()}
    if seeds.is_dir():
        corpora = {"seeds": seeds, **corpora}
    else:
        err.print(labelled("note:", "dim", f"{seeds}: no such folder; the example corpus only"))
    if unlabelled is not None and not unlabelled.exists():
        raise _fail(f"{unlabelled}: no such file or folder", EXIT_USAGE)
    if not ecbplus.is_file():
        err.print(labelled("note:", "dim", f"{ecbplus}: no such file; ECB+ not scored"))
    bench_crosscheck(corpora, out, unlabelled, ecbplus if ecbplus.is_file() else None)


@bench_app.command("web")
def bench_web_command(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Measure this store (default: build a synthetic one)."),
    ] = None,
    articles: Annotated[
        int, typer.Option("--articles", min=1, help="Size of the synthetic store to build.")
    ] = 20_000,
    requests: Annotated[int, typer.Option("--requests", min=1, help="Requests per page.")] = 2_000,
    clients: Annotated[int, typer.Option("--clients", min=1, help="Concurrent clients.")] = 20,
    seconds: Annotated[int, typer.Option("--seconds", min=1, help="Time bound per page.")] = 60,
    workdir: Annotated[
        Path, typer.Option(help="Where the synthetic store is built (and kept for reuse).")
    ] = Path("bench-web"),
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    workers: Annotated[int, typer.Option("--workers", min=1, help="serve --workers.")] = 1,
    page_cache: Annotated[
        bool,
        typer.Option(
            "--page-cache/--no-page-cache",
            help="Keep rendered pages until the store changes (off: each request builds its page).",
        ),
    ] = True,
    warm: Annotated[
        bool,
        typer.Option(
            "--warm/--no-warm",
            help="Let serve warm its page cache (storyline pages built after each commit) and "
            "wait for it before measuring (off: first visits build their pages).",
        ),
    ] = True,
) -> None:
    """Page latency of storyline serve (p50/p95) under concurrent clients, with hey."""
    from storyline.bench.web import bench_served, synthetic_store

    try:
        target = db or synthetic_store(workdir, articles, shared, err)
        bench_served(target, out, requests, clients, seconds, workers, page_cache, warm)
    except StorylineError as error:
        raise _fail(str(error)) from None


def main() -> None:  # pragma: no cover - the console script entry
    app()
