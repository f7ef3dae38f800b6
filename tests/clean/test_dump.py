"""The text-dump segmenter with the packaged line model, on invented pages of real shapes."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingClassifier

from storyline.clean.dates import byline_date
from storyline.clean.dump import segment
from storyline.clean.line_features import features, page_of
from storyline.clean.line_model import LineModel, TreeEnsemble, packaged_model

STORY = [
    "The harbour authority said on Monday that dredging in the east basin would resume next "
    "week, despite protests by fishers who have blocked the quay since early March.",
    "“We have followed every rule the council set for us,” the authority's chief executive, "
    "Jana Okoro, told reporters outside the town hall, adding that tests were under way.",
    "Fishers say the mud is full of cadmium and tributyltin, and that the dead mullet found "
    "beside the slipway in February were only the first sign of the damage.",
    "The council will vote on a suspension of the works at its meeting on April 9, when an "
    "independent report on the sediment is due to be presented to members.",
]

PAGE = [
    "Skip to content",
    "HomeLatest NewsPoliticsBusinessSportOpinion",
    "Type to search",
    "",
    "Port Authority Defies Fishers Over East Basin Dredging",
    "",
    "By Staff Reporter",
    "Published April 2, 2024 - Updated April 3, 2024",
    "",
    STORY[0],
    "",
    STORY[1],
    "",
    "Read more: Mussel farmers count the cost as the bay stays closed",
    "",
    STORY[2],
    "",
    STORY[3],
    "",
    "Share this article",
    "Facebook",
    "Twitter",
    "Related stories",
    "Council names judge to lead harbour inquiry",
    "Dockers threaten walkout over stockpiled mud",
    "© 2024 Harbourton Gazette. All rights reserved.",
]


@pytest.fixture(scope="module")
def model() -> LineModel:
    shipped = packaged_model()
    if shipped is None:
        pytest.skip("the line model is not trained (scripts/train_line_model.py)")
    return shipped


def test_headline_body_and_furniture_of_a_news_page(model: LineModel) -> None:
    parts = segment(PAGE, model=model)
    assert parts.title == "Port Authority Defies Fishers Over East Basin Dredging"
    assert parts.body == STORY
    for furniture in ("Skip to content", "Type to search", "Share this article", "Facebook"):
        assert furniture in parts.removed
    assert "Read more: Mussel farmers count the cost as the bay stays closed" in parts.removed


def test_published_date_is_read_below_the_headline_not_after_updated(model: LineModel) -> None:
    parts = segment(PAGE, model=model)
    found = byline_date(parts.byline_zone)
    assert found is not None and found.value == "2024-04-02"


def test_a_date_of_the_day_above_the_headline_is_not_the_publication_date(
    model: LineModel,
) -> None:
    page = ["Monday, November 30, 2026", *PAGE[1:7], *PAGE[8:]]
    parts = segment(page, model=model)
    assert parts.title == "Port Authority Defies Fishers Over East Basin Dredging"
    assert byline_date(parts.byline_zone) is None


def test_first_line_with_a_crawler_prefix_is_body(model: LineModel) -> None:
    parts = segment(["Short Line That Looks Like A Headline", *STORY], title_allowed=False)
    assert parts.title is None
    assert parts.body[0] == "Short Line That Looks Like A Headline"


def test_a_page_without_prose_keeps_its_headline_and_snippet(model: LineModel) -> None:
    parts = segment(["Council Votes To Halt Dredging", "", "The council voted 9-4 to..."])
    assert parts.body  # a feed item cut short still says something


def test_every_line_gets_one_feature_row_of_one_width() -> None:
    page = page_of(PAGE)
    rows = features(page)
    assert len(rows) == len([line for line in PAGE if line.strip()])
    assert len({len(row) for row in rows}) == 1


def test_tree_ensemble_scores_as_scikit_learn_does() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 6))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0).astype(int)
    for depth in (1, 2, 3):
        fitted = GradientBoostingClassifier(n_estimators=40, max_depth=depth).fit(x, y)
        ensemble = TreeEnsemble.from_json(TreeEnsemble.from_sklearn(fitted).to_json())
        ours = np.array(ensemble.probabilities(x.tolist()))
        assert np.abs(ours - fitted.predict_proba(x)[:, 1]).max() < 1e-6


def test_a_wrapped_headline_is_joined(model: LineModel) -> None:
    page = ["Council Orders Halt to Dredging in the", "East Basin After Fish Deaths", *STORY]
    parts = segment(page, model=model)
    assert parts.title == "Council Orders Halt to Dredging in the East Basin After Fish Deaths"


def test_a_byline_in_lower_case_is_not_part_of_the_headline(model: LineModel) -> None:
    page = ["Council Orders Halt to Dredging", "by Ana Ruiz @anaruiz April 2, 2024", *STORY]
    assert segment(page, model=model).title == "Council Orders Halt to Dredging"


def test_a_headline_ending_on_a_capitalized_short_word_is_not_joined(model: LineModel) -> None:
    page = ["Harbour Chief Says Sorry to the US", "Okoro Faces Calls to Quit", *STORY]
    parts = segment(page, model=model)
    assert parts.title == "Harbour Chief Says Sorry to the US"


def test_a_headline_sharing_the_crawler_prefix_line_is_the_title() -> None:
    from storyline.clean import clean
    from storyline.model import RawDocument

    text = " date 2024-04-02 Port Authority Defies Fishers Over Dredging\n\n" + "\n\n".join(STORY)
    article = clean(RawDocument(source="prefixed.txt", text=text))
    assert article.title == "Port Authority Defies Fishers Over Dredging"
    assert article.published == "2024-04-02"
    assert article.text.startswith(STORY[0])


def test_a_list_heading_cuts_only_after_the_story(model: LineModel) -> None:
    parts = segment(["Most Read", "Harbour Chief Quits", *STORY, "Related", "Ferry Fares Rise"])
    assert parts.body == STORY
    assert "Ferry Fares Rise" in parts.removed


def test_a_page_that_opens_on_its_first_sentence_shows_no_headline(model: LineModel) -> None:
    parts = segment(STORY, model=model)
    assert parts.title is None
    assert parts.body == STORY


def test_a_headline_the_page_also_shows_with_a_site_label_is_taken_bare(model: LineModel) -> None:
    page = [
        "Council Orders Halt to Dredging - Tidewater Post",
        "Home",
        "Harbour",
        "Council Orders Halt to Dredging",
        *STORY,
    ]
    assert segment(page, model=model).title == "Council Orders Halt to Dredging"


@pytest.mark.parametrize(
    "fragment",
    [
        "the quay since early March, fishers said, and",  # opens in lower case
        "Security forces cleared the quay on Monday,",  # ends on a comma
        "This story is unlisted. Only people with a link can see it. Are you sure you want it?",
    ],
)
def test_a_piece_of_a_sentence_is_never_the_headline(model: LineModel, fragment: str) -> None:
    page = ["Council Orders Halt to Dredging", "Home", fragment, *STORY]
    assert segment(page, model=model).title == "Council Orders Halt to Dredging"


def test_a_headline_ending_on_initials_is_no_sentence(model: LineModel) -> None:
    page = ["Sections", "Winter Wreaks Havoc Under the Streets of N.Y.C.", "By Ana Ruiz", *STORY]
    assert segment(page, model=model).title == "Winter Wreaks Havoc Under the Streets of N.Y.C."


def _published(lines: list[str]) -> str | None:
    from storyline.clean import clean
    from storyline.model import RawDocument

    return clean(RawDocument(source="page.txt", text="\n\n".join(lines))).published


def test_a_site_header_date_of_the_day_is_not_the_publication_date() -> None:
    header = ["Monday, November 30, 2026", "Home", "Harbour", "World"]
    assert _published([*header, "Council Orders Halt to Dredging", *STORY]) is None
    dated = [*header, "Council Orders Halt to Dredging", "By Ana Ruiz | March 3, 2024", *STORY]
    assert _published(dated) == "2024-03-03"


def test_a_date_printed_over_the_headline_is_the_publication_date() -> None:
    assert _published(["WEDNESDAY 03 JULY 2013", "Council Orders Halt", *STORY]) == "2013-07-03"


def test_an_item_without_prose_is_dated_by_its_byline_not_the_header() -> None:
    item = ["Monday, November 30, 2026", "Home", "Council Orders Halt to Dredging", "March 3, 2024"]
    assert _published([*item, "Dredging halted."]) == "2024-03-03"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (
            "HomeLatest NewsHarbourCouncil Orders Halt to Dredging",
            "Council Orders Halt to Dredging",
        ),
        ("HomeHarbourCouncil Orders Halt to Dredging", "Council Orders Halt to Dredging"),
        ("YouTube Bans Harbour Channel", "YouTube Bans Harbour Channel"),  # a name's one join
        ("McDonald's PlayStation Deal Sours", "McDonald's PlayStation Deal Sours"),
    ],
)
def test_menu_labels_run_into_the_headline_are_cut(model: LineModel, line: str, title: str) -> None:
    assert segment([line, "By News Desk", *STORY], model=model).title == title


def test_a_first_sentence_that_says_what_the_headline_says_stays(model: LineModel) -> None:
    lead = "Council orders halt to dredging in the east basin after the fish deaths."
    parts = segment(
        [
            "Council Orders Halt to Dredging in the East Basin After the Fish Deaths",
            "By Ana Ruiz",
            lead,
            *STORY,
        ],
        model=model,
    )
    assert parts.body[0] == lead
    repeated = ["Council Orders Halt to Dredging", "By Ana Ruiz", "Council Orders Halt to Dredging"]
    assert "Council Orders Halt to Dredging" not in segment([*repeated, *STORY], model=model).body


def test_a_dateline_in_lower_case_under_the_headline_does_not_carry_it_on(
    model: LineModel,
) -> None:
    for dateline in ("on Feb. 04, 2024", "on Feb 4 2024, 5: 55p"):
        page = ["Harbour Chief Arrested on Suspicion of Drunk Driving", dateline, *STORY]
        assert segment(page, model=model).title == page[0]


def test_an_initial_is_no_sentence_break_in_a_headline(model: LineModel) -> None:
    title = "Man Charged After S. Rich Hill Mother Killed in Hit and Run Crash on the Quay: Police"
    assert segment([title, *STORY], model=model).title == title


def test_a_sentence_cut_short_is_no_headline_and_the_story_above_it_stays(
    model: LineModel,
) -> None:
    cut = "After the ferry picked up a distress call from the trawler, it immediately launched its"
    parts = segment([*STORY[:2], cut, *STORY[2:]], model=model)
    assert parts.title != cut
    assert STORY[0] in parts.body and STORY[1] in parts.body


def test_a_headline_over_its_standfirst_is_the_title(model: LineModel) -> None:
    headline = "Okoro is keen to make peace with the fishers"
    standfirst = "Okoro says dredging in the east basin will resume next week despite protests"
    parts = segment([headline, standfirst, *STORY], model=model)
    assert parts.title == headline
