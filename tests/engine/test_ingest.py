"""The engine over every input format at once: what lands, what is reported, nothing lost."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.engine import ingest
from storyline.store.sqlite import SqliteStore

PARAGRAPHS = [
    "The harbour council of {city} voted on Tuesday to suspend dredging in the east basin "
    "after independent tests found heavy metals in the mud.",
    "{person} said that the authority would publish every sample it had taken since January.",
    "Fishers in {city} welcomed the vote but said the damage to the bay would take years to repair.",
]


def _page(city: str, person: str, day: int) -> str:
    body = "".join(f"<p>{p.format(city=city, person=person)}</p>" for p in PARAGRAPHS)
    return (
        f"<html lang='en'><head><title>{city} halts dredging | Bay News</title>"
        f"<meta property='article:published_time' content='2024-04-{day:02d}T08:00:00Z'></head>"
        f"<body><nav>Home News Sport</nav><article><h1>{city} halts dredging</h1>{body}</article>"
        "<footer>© 2024 Bay News</footer></body></html>"
    )


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
                )
            )


def test_every_format_lands_and_bad_items_are_reported(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.html").write_text(_page("Harbourton", "Jana Okoro", 10))
    (inputs / "feed.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Saltgate Times</title>"
        f"<item><title>Saltgate halts dredging</title><link>https://saltgate.example/a</link>"
        f"<pubDate>Thu, 11 Apr 2024 09:00:00 GMT</pubDate><description><![CDATA[{_page('Saltgate', 'Ilse Marwick', 11)}]]></description></item>"
        "</channel></rss>"
    )
    _warc(
        inputs / "crawl.warc.gz",
        [("https://merrow.example/2024/04/12/x", _page("Merrow", "Tomas Reyne", 12))],
    )
    (inputs / "lines.jsonl").write_text(
        '{"url": "https://tide.example/b", "outlet": "Tidewater Post", "published": "2024-04-13", '
        '"text": "Tide Halts Dredging\\n\\nThe council in Tide voted on Tuesday to suspend dredging in the basin."}\n'
        "{not json}\n"
    )
    store = SqliteStore(str(tmp_path / "s.db"))
    report = ingest([str(inputs)], store)
    assert report.added == 4
    assert [e.source.rsplit("/", 1)[1] for e in report.errors] == ["lines.jsonl#2"]
    articles = {a["url"]: a for a in store.records("articles")}
    page = next(a for a in articles.values() if a["source"].endswith("page.html"))
    assert page["published"] == "2024-04-10" and page["published_source"] == "html-meta"
    assert "Home News Sport" not in page["text"] and "voted on Tuesday" in page["text"]
    assert articles["https://saltgate.example/a"]["outlet"] == "Saltgate Times"
    assert articles["https://merrow.example/2024/04/12/x"]["published"] == "2024-04-12"
    assert articles["https://tide.example/b"]["published_source"] == "input"
    assert all(a["language"] == "en" and a["storyline_id"] for a in articles.values())

    # A second run with one new file and one broken file: nothing stored is lost or doubled.
    (inputs / "new.html").write_text(_page("Selby", "Miriam Estcourt", 14))
    (inputs / "broken.html").write_bytes(b"\x00\x01\x02" * 100)
    again = ingest([str(inputs)], store)
    assert (again.added, again.unchanged) == (1, 4)
    assert sorted(e.source.rsplit("/", 1)[1] for e in again.errors) == [
        "broken.html",
        "lines.jsonl#2",
    ]
    assert store.count("articles") == 5
    quotes = list(store.records("quotes"))
    assert len({(q["article_id"], q["start"]) for q in quotes}) == len(quotes)
