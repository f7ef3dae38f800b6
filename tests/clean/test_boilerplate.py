"""The line segmenter: each line shape and region, with invented lines of the real shapes."""

from __future__ import annotations

import pytest

from storyline.clean.boilerplate import LineKind, kind_of
from storyline.clean.boilerplate import segment_by_rules as segment

BODY = [
    "The harbour authority said on Monday that dredging in the basin would resume next week.",
    "Fishers, who had protested for a month, said they would return to the quay on Friday.",
    "The council will meet again to discuss the report before the end of the month.",
]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("spot_imgspot_img", LineKind.MARKUP),
        ('[tds_leads title_text="Subscribe" input_placeholder="Email address"]', LineKind.MARKUP),
        ("Date:", LineKind.EMPTY_FIELD),
        ("Popular", LineKind.TAIL_MARKER),
        ("More like this", LineKind.TAIL_MARKER),
        ("Share This Post", LineKind.TAIL_MARKER),
        ("Read more : “Harbour Chief Faces Questions Over Mud", LineKind.INLINE_TEASER),
        ("(With inputs from agencies)", LineKind.CREDIT),
        (
            "Your email address will not be published. Required fields are marked *",
            LineKind.FURNITURE,
        ),
        ("Tidewater Post, 2025 © All Rights Reserved", LineKind.FURNITURE),
        ("TP logo-02 (3)", LineKind.FURNITURE),
        ("Harbourton, May 2: The city council on Friday...", LineKind.SNIPPET),
        ("Council Votes to Halt Dredging in East Basin", LineKind.HEADLINE),
        ("Home World Business Sport Opinion Weather", LineKind.NAVIGATION),
        ("Markets Rally Again", LineKind.HEADLINE),
        (BODY[0], LineKind.PROSE),
        ("The company unveiled its new logo at a ceremony on the quay on Friday.", LineKind.PROSE),
        ("HomeLatest NewsPoliticsBusinessSport", LineKind.NAVIGATION),
        ("By Harbour Desk", LineKind.FURNITURE),
        ("By The Associated Press", LineKind.FURNITURE),
        ("By then it was over.", LineKind.SHORT),  # a sentence, not a byline
        ("KPA Report", LineKind.FURNITURE),
        ("— KPA/File", LineKind.FURNITURE),
        ("PHOTO: FILE", LineKind.FURNITURE),
        ("Screengrab of the council hearing", LineKind.FURNITURE),
        ("quay-4-stockpile-2.jpg", LineKind.FURNITURE),
        ("gz-masthead-final (2)", LineKind.FURNITURE),
        ("Ana RuizPublished April 22, 2024 - Updated April 23, 2024", LineKind.DATELINE),
        ("Published Date – 3 March 2024, 02:48 PM", LineKind.DATELINE),
        ("Last modified on Wed 16 Jan 2024 06.16 EST", LineKind.DATELINE),
        ("Read: Council names judge to lead harbour inquiry", LineKind.INLINE_TEASER),
        ("Article Continues Below", LineKind.FURNITURE),
        ("Article Continued Below", LineKind.FURNITURE),
        ("Covid-19", LineKind.SHORT),
        ("Harbour pilot Ana Ruiz. Photograph: Tom Ek for the Gazette", LineKind.FURNITURE),
        ("Ana Ruiz/Associated Press", LineKind.FURNITURE),
        ("This is a developing story.", LineKind.FURNITURE),
        ("Download the Gazette app", LineKind.FURNITURE),
        ("Hi, what are you looking for?", LineKind.FURNITURE),
        ("Call the Gazette at (555) 010-2030 or Click Here", LineKind.FURNITURE),
        ("Oct 18, 2024 · 8 min read", LineKind.DATELINE),
        ("4/2/2024 7:11 AM PDT BY GAZETTE STAFF", LineKind.DATELINE),
        ("by Ana Ruiz | April 2, 2024", LineKind.DATELINE),
        ("Passed by Council on April 2, 2024", LineKind.HEADLINE),  # "by" a subject, no byline
        (
            "Photographs show the damage to the quay after the storm on Friday night.",
            LineKind.PROSE,
        ),
    ],
)
def test_line_kinds(line: str, kind: LineKind) -> None:
    assert kind_of(line) is kind


@pytest.mark.parametrize("line", ["ab_" * 30 + "!", '"' * 65536, "a_" * 5000 + "!", "[" * 9000])
def test_line_shapes_take_linear_time_on_hostile_lines(line: str) -> None:
    import time

    started = time.perf_counter()
    kind_of(line)
    assert time.perf_counter() - started < 0.5


def test_header_byline_repeated_headline_and_tail() -> None:
    lines = [
        "Council Votes to Halt Dredging in East Basin",
        "",
        "Metro DeskApril 10, 2024",
        "Council Votes to Halt Dredging in East Basin",
        "",
        BODY[0],
        "Read more : “Dockers Threaten Strike Over Mud",
        BODY[1],
        BODY[2],
        "Share This Post",
        "Leave a Reply",
        "We bring you the most complete and up-to-date news from the harbour, with integrity and care.",
        "Gazette, 2025 © All Rights Reserved",
    ]
    parts = segment(lines)
    assert parts.title == "Council Votes to Halt Dredging in East Basin"
    assert parts.body == BODY
    assert parts.removed == [lines[2], lines[3], lines[6], *lines[9:]]
    assert parts.header == [lines[2], lines[3]]


def test_teaser_headline_under_the_title_is_dropped() -> None:
    parts = segment(
        ["Mayor Defends the Suspension", "Union Leader Calls for Calm at the Port", *BODY]
    )
    assert parts.title == "Mayor Defends the Suspension"
    assert parts.removed == ["Union Leader Calls for Calm at the Port"]


def test_theme_furniture_before_the_title_and_related_list_after_the_body() -> None:
    lines = [
        "spot_imgspot_img",
        "Harbour Chief Rules Out Resignation",
        "Date:",
        *BODY,
        "Popular",
        "More like this",
        "Related",
        "Ferry Timetable Changes for the Summer Season",
        "Harbourton, June 30: The ferry operator on Tuesday...",
    ]
    parts = segment(lines)
    assert parts.title == "Harbour Chief Rules Out Resignation"
    assert parts.body == BODY
    assert parts.empty_date_field
    assert parts.removed == [lines[0], lines[2], *lines[6:]]


def test_first_line_with_a_date_prefix_is_body_not_title() -> None:
    parts = segment(["Short line that looks like a headline", *BODY], title_allowed=False)
    assert parts.title is None
    assert parts.body[0] == "Short line that looks like a headline"


def test_share_widget_mid_article_does_not_end_it() -> None:
    parts = segment([BODY[0], "Share This Post", BODY[1], BODY[2]])
    assert parts.body == BODY
    assert parts.removed == ["Share This Post"]


def test_site_template_lines_are_learned_across_pages() -> None:
    from storyline.clean import clean
    from storyline.clean.templates import TemplateLearner
    from storyline.model import RawDocument

    promo = "Watch the evening bulletin live on Saltgate TV"
    pages = [
        RawDocument(
            source=f"{i}.jsonl#1",
            outlet="Saltgate Times",
            text=f"Headline Number {i} About the Port\n{BODY[i % 3]}\n{promo}\n{BODY[(i + 1) % 3]}",
        )
        for i in range(3)
    ]
    other_site = RawDocument(
        source="x", outlet="Elsewhere", text=f"A Headline\n{BODY[0]}\n{promo}\n{BODY[1]}"
    )
    learner = TemplateLearner()
    for page in [*pages, other_site]:
        learner.add(page)
    for page in pages:
        article = clean(page, learner.template(page))
        assert promo in article.removed_lines and promo not in article.text
        assert article.title and article.title.startswith("Headline Number")
    # Two pages of another site are too few to call the line furniture there.
    assert not learner.template(other_site)


def test_items_without_prose_keep_what_they_say() -> None:
    parts = segment(["June 6, 2013", "", "Harbour Swimmer Wins Gold at 91"])
    assert parts.title == "Harbour Swimmer Wins Gold at 91"
    assert parts.body == ["Harbour Swimmer Wins Gold at 91"]  # a headline-only item
    assert parts.header == ["June 6, 2013"]
    cut = [
        "Dockers Walk Out at Harbourton",
        "Tue., Aug. 6, 2024 11: 45 AM CEST",
        "Early on Monday more than three hundred dockers left the quay, the union said,",
    ]
    parts = segment(cut)
    assert parts.title == cut[0] and parts.body == [cut[2]] and parts.header == [cut[1]]
    parts = segment(
        ["MONDAY, MAY 23, 2005", "FIRED AT THE PORT!!", "The harbour master was fired today and..."]
    )
    assert parts.body == ["FIRED AT THE PORT!!", "The harbour master was fired today and..."]


def test_datelines_are_never_titles() -> None:
    assert kind_of("Fri., May. 3, 2013 11: 45 AM PDT") is LineKind.DATELINE
    assert kind_of("MONDAY, MAY 23, 2005") is LineKind.DATELINE
    assert kind_of("Metro DeskMarch 3, 2025") is not LineKind.DATELINE


def test_site_and_section_labels_above_the_headline_are_passed_over() -> None:
    parts = segment(
        ["Bayline News", "World", "Council Votes to Halt Dredging in East Basin", *BODY]
    )
    assert parts.title == "Council Votes to Halt Dredging in East Basin"
    assert parts.removed == ["Bayline News", "World"] and parts.body == BODY
