"""RSS and Atom feeds: one document per item, one error per bad item or broken file."""

from __future__ import annotations

import io

from storyline.errors import InputError
from storyline.ingest.feeds import read_feed
from storyline.model import RawDocument

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Dawn</title><link>https://www.dawn.com</link>
<item><title>Council halts dredging</title><link>https://www.dawn.com/news/1</link>
<pubDate>Mon, 06 Sep 2021 23:30:00 -0500</pubDate>
<description>&lt;p&gt;The council voted on Monday.&lt;/p&gt;</description></item>
<item><title>Dockers walk out</title><link>https://www.dawn.com/news/2</link>
<pubDate>Tue, 07 Sep 2021 08:00:00 +0500</pubDate></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>The Ledger</title>
<entry><title>Inquiry report published</title>
<link href="https://ledger.example.com/2022/03/07/inquiry"/>
<published>2022-03-07T21:00:00-08:00</published><updated>2022-03-09T10:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;The full report, with findings.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_become_documents() -> None:
    items = list(read_feed("dawn.rss", io.BytesIO(RSS)))
    first, second = items
    assert isinstance(first, RawDocument)
    assert first.source == "dawn.rss#1"
    assert first.format == "feed"
    assert first.url == "https://www.dawn.com/news/1"
    assert first.title == "Council halts dredging"
    assert first.outlet == "Dawn"
    # The day as the feed states it, not moved to the next day by a UTC conversion.
    assert first.published == "2021-09-06"
    assert "The council voted on Monday." in (first.html or "")
    assert isinstance(second, InputError)
    assert second.source == "dawn.rss#2" and "without content" in second.reason


def test_atom_entry_prefers_full_content_and_published_date() -> None:
    (entry,) = list(read_feed("ledger.atom", io.BytesIO(ATOM)))
    assert isinstance(entry, RawDocument)
    assert entry.published == "2022-03-07"
    assert entry.url == "https://ledger.example.com/2022/03/07/inquiry"
    assert "The full report" in (entry.html or "")
    assert entry.outlet == "The Ledger"


def test_invalid_xml_reports_the_file_and_keeps_recovered_items() -> None:
    broken = RSS.replace(b"<title>Dawn</title>", b"<title>Dawn & Co</title>")
    broken = broken.replace(b"</channel></rss>", b"<item><title>Cut")
    items = list(read_feed("broken.xml", io.BytesIO(broken)))
    errors = [item for item in items if isinstance(item, InputError)]
    documents = [item for item in items if isinstance(item, RawDocument)]
    assert errors[0].source == "broken.xml"
    assert "invalid feed XML" in errors[0].reason
    assert [d.url for d in documents][:1] == ["https://www.dawn.com/news/1"]


def test_not_a_feed_and_empty_input_are_errors() -> None:
    (empty,) = list(read_feed("e.xml", io.BytesIO(b"")))
    assert isinstance(empty, InputError) and "empty" in empty.reason
    items = list(read_feed("n.xml", io.BytesIO(b"<?xml version='1.0'?><note>hi</note>")))
    assert items and all(isinstance(item, InputError) for item in items)


def test_a_utf16_feed_with_a_byte_order_mark_is_read() -> None:
    # Before: refused as binary (UTF-16 is full of NUL bytes).
    feed = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel>'
        "<title>Le Courrier</title><item><title>Arrêt du dragage</title>"
        "<link>https://c.example/a</link><description>Le conseil a voté l'arrêt du dragage "
        "dans le bassin est.</description></item></channel></rss>"
    )
    [document] = list(read_feed("f.rss", io.BytesIO(feed.encode("utf-16"))))
    assert isinstance(document, RawDocument)
    assert document.title == "Arrêt du dragage" and document.outlet == "Le Courrier"
