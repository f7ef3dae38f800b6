"""Page metadata → headline, publication day with its provenance; small pages of real shapes."""

from __future__ import annotations

import lxml.html
import pytest

from storyline.clean.html_meta import (
    BARE_YEAR_DAY,
    GENERIC_DATE_KEYS,
    MIN_HEADLINE_WORDS,
    TEASER_REGIONS,
    meta_tags,
    published,
    title,
)


def _tree(head: str = "", body: str = "<p>Text.</p>") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def _published(
    head: str = "", url: str | None = None, found: str | None = None, body: str = "<p>Text.</p>"
) -> tuple[str | None, str | None, str | None]:
    """Return published() for a page; ``found`` stands for htmldate's extensive search."""
    tree = _tree(head, body)
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return published(tree, meta_tags(tree), url, html, lambda: found)


# --- publication day ---------------------------------------------------------------------------

ARTICLE_LD = (
    '<script type="application/ld+json">'
    '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2020-07-10T08:00:00Z"}'
    "</script>"
)
WEBPAGE_LD = (
    '<script type="application/ld+json">'
    '{"@type": "WebPage", "datePublished": "2019-01-05"}'
    "</script>"
)
META_DATE = '<meta property="article:published_time" content="2020-07-12T09:00:00+02:00">'


def test_article_json_ld_date_comes_before_meta_tags() -> None:
    # spiceworks-like: the article's JSON-LD states the day; a meta tag a later one.
    assert _published(META_DATE + ARTICLE_LD) == ("2020-07-10", "html-meta", "2020-07-10T08:00:00Z")


def test_meta_tag_date_comes_before_json_ld_of_a_non_article() -> None:
    # A WebPage's datePublished is the page's, not the article's: the meta tag wins.
    assert _published(WEBPAGE_LD + META_DATE)[0] == "2020-07-12"
    assert _published(WEBPAGE_LD) == ("2019-01-05", "html-meta", "2019-01-05")


def test_json_ld_in_graph_and_cdata_is_read() -> None:
    graph = (
        '<script type="application/ld+json">//<![CDATA[\n'
        '{"@graph": [{"@type": "WebSite"}, {"@type": "BlogPosting", "datePublished": "2018-11-03"}]}'
        "\n//]]></script>"
    )
    assert _published(META_DATE + graph)[0] == "2018-11-03"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.ledger.example.com/2022/03/08/council-halts", "2022-03-08"),
        ("https://www.ledger.example.com/news/2022-03-08/council-halts", "2022-03-08"),
        ("https://www.ledger.example.com/archive/2022/03/08.html", "2022-03-08"),
        ("https://www.ledger.example.com/2022/03/08", "2022-03-08"),
        # A year and month only is an archive folder, not a day.
        ("https://www.ledger.example.com/2022/03/council-halts", None),
        # No month 13, and no day glued to other digits (an article id).
        ("https://www.ledger.example.com/2022/13/08/council-halts", None),
        ("https://www.ledger.example.com/2022/03/081234", None),
        # Before MIN_YEAR: not a news page's publication day.
        ("https://www.ledger.example.com/1989/11/09/wall", None),
    ],
)
def test_url_date_path(url: str, day: str | None) -> None:
    found = _published(url=url)
    assert found[0] == day
    assert found[1] == ("url" if day else None)


def test_url_date_path_evidence_and_rank_below_meta() -> None:
    url = "https://www.ledger.example.com/2022/03/08/council-halts"
    assert _published(url=url)[2] == "2022/03/08"
    assert _published(META_DATE, url=url)[:2] == ("2020-07-12", "html-meta")


def test_bare_year_first_of_january_is_rejected_unless_written_out() -> None:
    # htmldate turns a bare "2017" (a copyright line, a path) into 2017-01-01.
    assert BARE_YEAR_DAY == (1, 1)
    assert _published(found="2017-01-01", body="<p>© 2017 The Ledger.</p>") == (None, None, None)
    assert _published(found="2017-01-01", body="<p>Posted 1 January 2017</p>")[0] == "2017-01-01"
    assert _published(found="2017-01-02", body="<p>Posted 2017-01-02</p>")[0] == "2017-01-02"


def test_a_month_is_not_read_from_another_months_name() -> None:
    # "juin"/"juillet" and "června"/"července" share their first three letters.
    for written in ("5 juillet 2021", "5 července 2021"):
        assert _published(found="2021-06-05", body=f"<p>{written}</p>")[2] == (
            "2021-06-05 (htmldate)"
        )


@pytest.mark.parametrize(
    ("day", "written"),
    [
        ("2021-06-15", "June 15, 2021"),
        ("2021-06-15", "Jun. 15th 2021"),
        ("2021-06-15", "15 June 2021"),
        ("2021-06-15", "2021-06-15"),
        ("2021-06-15", "15.06.2021"),
        ("2021-06-15", "6/15/2021"),
        # Zero-padded days, as many CMSes print them.
        ("2019-08-06", "August 06, 2019"),
        # Month names in the page's own language (MONTH_NAMES).
        ("2021-06-05", "5 juin 2021"),
        ("2021-06-05", "5 de junio de 2021"),
        ("2021-06-05", "5. Juni 2021"),
        ("2021-12-05", "5 prosince 2021"),
        ("2021-08-05", "5 sierpnia 2021"),  # Polish
        ("2021-06-05", "5 iunie 2021"),  # Romanian
        ("2021-06-05", "5 Haziran 2021"),  # Turkish
        ("2021-12-05", "5 Desember 2021"),  # Indonesian
        ("2021-05-05", "5 maj 2021"),  # Swedish, Danish, Polish "maja"
    ],
)
def test_content_date_evidence_is_the_words_written_in_the_page(day: str, written: str) -> None:
    body = f"<p>Posted {written} by Staff</p>"
    assert _published(found=day, body=body) == (day, "content", written)
    # A different day of the same month is not written: htmldate's answer, labelled its own.
    assert _published(found=day[:-1] + "7", body=body)[2] == day[:-1] + "7 (htmldate)"


def test_content_date_in_an_html_comment_is_kept() -> None:
    # htmldate's extensive search reads comments; so does the evidence check.
    body = "<!-- published 2019-08-06 --><p>Text.</p>"
    assert _published(found="2019-08-06", body=body) == ("2019-08-06", "content", "2019-08-06")


def test_content_date_not_written_in_our_spellings_defers_to_htmldate() -> None:
    # htmldate read it from markup we have no spelling for: its answer, labelled as its own.
    assert _published(found="2021-06-15", body="<p>Posted last summer</p>") == (
        "2021-06-15",
        "content",
        "2021-06-15 (htmldate)",
    )
    assert _published(found=None) == (None, None, None)


def test_day_written_only_in_teaser_regions_is_not_the_articles() -> None:
    assert {"aside", "nav", "footer"} <= TEASER_REGIONS
    aside = "<p>Text.</p><aside><p>Mayor defends suspension, 3 May 2021</p></aside>"
    assert _published(found="2021-05-03", body=aside) == (None, None, None)
    both = "<p>Posted 3 May 2021</p>" + aside
    assert _published(found="2021-05-03", body=both)[0] == "2021-05-03"


def test_a_generic_date_key_defers_to_htmldates_extensive_search() -> None:
    # <meta name="date"> may be the page's last build; htmldate read the article's own day.
    assert "date" in GENERIC_DATE_KEYS and "article:published_time" not in GENERIC_DATE_KEYS
    generic = '<meta name="date" content="2021-06-20">'
    body = "<p>Posted June 15, 2021</p>"
    assert _published(generic, found="2021-06-15", body=body) == (
        "2021-06-15",
        "content",
        "June 15, 2021",
    )
    # htmldate agrees, or finds nothing: the meta tag is the evidence.
    assert _published(generic, found="2021-06-20")[:2] == ("2021-06-20", "html-meta")
    assert _published(generic)[:2] == ("2021-06-20", "html-meta")
    # A publication key is specific: htmldate is not asked.
    assert _published(META_DATE, found="2021-06-15")[0] == "2020-07-12"


# --- time zones --------------------------------------------------------------------------------


def test_timestamp_with_offset_is_the_day_as_written() -> None:
    head = '<meta property="article:published_time" content="2019-08-06T23:30:00-04:00">'
    assert _published(head)[0] == "2019-08-06"  # 03:30 UTC on 7 August, 6 August in New York


def test_utc_timestamp_is_moved_to_the_pages_own_offset() -> None:
    published_utc = '<meta property="article:published_time" content="2019-08-07T03:30:00Z">'
    modified_local = '<meta property="article:modified_time" content="2019-08-07T10:00:00-04:00">'
    assert _published(published_utc + modified_local)[0] == "2019-08-06"
    # A <time datetime> in local time tells the offset as well.
    local_time = '<time datetime="2019-08-06T23:31:00-04:00">Aug 6</time>'
    assert _published(published_utc, body=local_time)[0] == "2019-08-06"


def test_utc_timestamp_stays_as_written_without_a_known_offset() -> None:
    published_utc = '<meta property="article:published_time" content="2019-08-07T03:30:00Z">'
    assert _published(published_utc)[0] == "2019-08-07"
    # Two different local offsets: which one is the newsroom's is unknown.
    other = (
        '<meta property="article:modified_time" content="2019-08-07T10:00:00-04:00">'
        '<meta name="dc.date" content="2019-08-07T10:00:00+02:00">'
    )
    assert _published(published_utc + other)[0] == "2019-08-07"
    # "+00:00" is an offset as written, not a UTC normalization.
    plus_zero = '<meta property="article:published_time" content="2017-03-09T23:16:02+00:00">'
    assert _published(plus_zero + '<meta name="x" content="2017-03-10T01:00:00+02:00">')[0] == (
        "2017-03-09"
    )


def test_utc_timestamp_takes_the_day_the_page_writes_out() -> None:
    published_utc = '<meta property="article:published_time" content="2019-08-06T02:00:00Z">'
    byline = "<p>Posted August 5, 2019 at 10:00 pm ET</p><p>Text.</p>"
    assert _published(published_utc, body=byline)[0] == "2019-08-05"  # evening in America
    late_utc = '<meta property="article:published_time" content="2019-08-06T19:00:00Z">'
    assert _published(late_utc, body="<p>7 August 2019, 03:00</p>")[0] == "2019-08-07"  # Asia


@pytest.mark.parametrize(
    "body",
    [
        "<p>August 6, 2019</p><p>On August 5, 2019 the council met.</p>",  # the UTC day written
        "<p>The council met.</p><aside><p>August 5, 2019: older story</p></aside>",  # teaser
        "<p>At noon on August 5, 2019 the council met.</p>",  # midday UTC moves nowhere
    ],
)
def test_utc_timestamp_stays_unless_only_the_neighbouring_day_is_written(body: str) -> None:
    stamp = "2019-08-06T12:00:00Z" if "noon" in body else "2019-08-06T02:00:00Z"
    published_utc = f'<meta property="article:published_time" content="{stamp}">'
    assert _published(published_utc, body=body)[0] == "2019-08-06"


# --- headline ----------------------------------------------------------------------------------


def test_meta_title_is_used_as_the_site_shares_it() -> None:
    head = (
        "<title>Council halts dredging | The Daily Ledger</title>"
        '<meta property="og:title" content="Council halts dredging in east basin">'
    )
    tree = _tree(head)
    assert title(tree, meta_tags(tree), "Most read") == "Council halts dredging in east basin"


@pytest.mark.parametrize(
    ("shown", "headline"),
    [
        ("Council halts dredging | The Daily Ledger", "Council halts dredging"),
        (
            "Council halts dredging - Politics - The Daily Ledger",
            "Council halts dredging - Politics",
        ),
        ("Council halts dredging — The Daily Ledger", "Council halts dredging"),
        ("Council halts dredging » Ledger", "Council halts dredging"),
        # Too few words left to be a headline (MIN_HEADLINE_WORDS): a section name, kept whole.
        ("Code | Nicolas", "Code | Nicolas"),
        ("Council halts dredging", "Council halts dredging"),
    ],
)
def test_title_without_metadata_drops_the_site_suffix(shown: str, headline: str) -> None:
    assert MIN_HEADLINE_WORDS == 3
    tree = _tree(f"<title>{shown}</title>")
    assert title(tree, meta_tags(tree), None) == headline


def test_json_ld_headline_beats_meta_and_site_name_in_name() -> None:
    head = (
        "<title>Vláda schválila rozpočet | Aktuálně.cz</title>"
        '<meta property="og:title" content="Rozpočet">'
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "name": "Aktuálně.cz", "headline": "Vláda schválila rozpočet"}'
        "</script>"
    )
    tree = _tree(head)
    assert title(tree, meta_tags(tree), None) == "Vláda schválila rozpočet"


def test_no_title_anywhere_falls_back_to_the_found_one() -> None:
    tree = _tree()
    assert title(tree, meta_tags(tree), "  Found   headline ") == "Found headline"
    assert title(tree, meta_tags(tree), None) is None
