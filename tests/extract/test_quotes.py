"""Direct and indirect quotes with speakers, on invented sentences and on the real seeds."""

from __future__ import annotations

from typing import Any

from tests.conftest import by_file

from storyline.bench.cleaning import normalized
from storyline.extract.entities import mentions
from storyline.extract.nlp import english
from storyline.extract.quotes import quotes
from storyline.model import Quote
from storyline.store.sqlite import SqliteStore


def _quotes(text: str) -> list[Quote]:
    doc = english()(text)
    return quotes(doc, mentions(doc, "a1"), "a1")


def test_quote_then_speaker_and_verb() -> None:
    [q] = [
        q
        for q in _quotes("“We will not touch that mud again,” Tomas Reyne said.")
        if q.kind == "direct"
    ]
    assert q.text == "We will not touch that mud again"
    assert q.speaker == "Tomas Reyne" and q.cue == "say"  # the cue is the verb's lemma


def test_speaker_after_verb_with_title() -> None:
    text = "“The channel must be kept open for shipping,” said Harbour Authority chief Jana Okoro."
    [q] = [q for q in _quotes(text) if q.kind == "direct"]
    assert q.speaker == "Jana Okoro"


def test_pronoun_speaker_and_mixed_marks() -> None:
    text = (
        "Mayor Pieter Vandal spoke to reporters outside the hall on Thursday.\n"
        'In a statement, he said, “The council acted on the best evidence it had at the time".'
    )
    [q] = [q for q in _quotes(text) if q.kind == "direct"]
    assert q.speaker == "Pieter Vandal"
    assert q.text.startswith("The council acted on the best evidence")


def test_missing_opening_mark_and_agency_relay() -> None:
    text = (
        "The dredgers moved in before anyone had read the results, and that was the scandal,” "
        "news agency KPA quoted union leader Tomas Reyne."
    )
    [q] = [q for q in _quotes(text) if q.kind == "direct"]
    assert q.text.startswith("The dredgers moved in") and q.speaker == "Tomas Reyne"
    assert q.via == "KPA"


def test_scare_quotes_are_not_quotes() -> None:
    assert not [
        q for q in _quotes("Residents called the basin “toxic” on Monday.") if q.kind == "direct"
    ]


def test_indirect_speech() -> None:
    [q] = [
        q
        for q in _quotes(
            "Jana Okoro said that the dredging would continue while staff reviewed the tests."
        )
        if q.kind == "indirect"
    ]
    assert q.speaker == "Jana Okoro" and q.text.startswith("the dredging would continue")


def test_seed_quotes_match_gold(seed_store: SqliteStore, seed_gold: dict[str, Any]) -> None:
    articles = by_file(list(seed_store.records("articles")))
    quotes_by_article: dict[str, list[dict[str, Any]]] = {}
    for q in seed_store.records("quotes"):
        quotes_by_article.setdefault(q["article_id"], []).append(q)
    for name, gold in seed_gold.items():
        found = quotes_by_article.get(articles[name]["id"], [])
        for expected in gold["quotes"]:
            head = normalized(expected["text"])[:40]
            hits = [q for q in found if q["kind"] == "direct" and head in normalized(q["text"])]
            assert hits, (name, expected["text"])
            assert hits[0]["speaker"] == expected["speaker"], (name, hits[0])
            if expected.get("via"):
                assert hits[0]["via"] == expected["via"], (name, hits[0])
        for expected in gold["indirect_quotes"]:
            head = normalized(expected["text"])[:30]
            hits = [q for q in found if head in normalized(q["text"])]
            assert any(q["speaker"] == expected["speaker"] for q in hits), (name, expected)


def _direct(text: str) -> list[Quote]:
    return [q for q in _quotes(text) if q.kind == "direct"]


def _indirect(text: str) -> list[Quote]:
    return [q for q in _quotes(text) if q.kind == "indirect"]


def test_quote_over_paragraphs_closed_only_in_the_last() -> None:
    # Tokenized corpora: one sentence a paragraph, spaces inside the marks.
    text = (
        'Fire chief Dana Holt spoke on Friday.\n\n" The crews got there within minutes.\n\n'
        'Nobody was inside the warehouse.\n\nWe were lucky, " Holt said.\n\n'
        "The cause is not known."
    )
    found = _direct(text)
    assert [q.text for q in found] == [
        "The crews got there within minutes.",
        "Nobody was inside the warehouse.",
        "We were lucky",
    ]
    assert {q.speaker for q in found} == {"Dana Holt"}


def test_quote_reopened_at_each_paragraph() -> None:
    text = (
        "“The river rose two metres overnight,” said Mayor Linda Garcia.\n\n"
        "“We moved forty families before dawn.\n\n"
        "“Nobody was hurt, and the bridge held.”\n\nThe town council meets on Monday."
    )
    found = _direct(text)
    assert len(found) == 3
    assert all(q.speaker == "Linda Garcia" for q in found)
    assert not any("council meets" in q.text for q in found)


def test_short_attributed_quote_is_kept() -> None:
    [q] = _direct("“Enough is enough,” Lena Warrick said after the vote.")
    assert q.text == "Enough is enough" and q.speaker == "Lena Warrick"


def test_short_quote_standing_as_a_sentence() -> None:
    text = "“Will you run again?” a reporter asked Coach Ray Pell.\n\n“No.”"
    assert "No." in [q.text for q in _direct(text)]


def test_titles_and_nicknames_are_not_quotes() -> None:
    text = (
        "Actor Sam Keel said he loved starring in “The Long Road Home” last year.\n\n"
        "The gang boss was nicknamed “The Night Owl” by the papers."
    )
    assert not _direct(text)


def test_pronoun_speaker_is_the_subject_not_the_last_name() -> None:
    text = (
        "Karen Moss, the plant's director, said the line would restart once Jon Bale signs off.\n\n"
        "“We owe our workers a clear answer,” she said."
    )
    [q] = _direct(text)
    assert q.speaker == "Karen Moss"


def test_role_noun_speaker_is_the_named_person() -> None:
    text = (
        "Sheriff Tom Ardent arrived at the scene at noon.\n\n"
        "Deputies closed the road for an hour.\n\n"
        "“The man was calm when we found him,” the sheriff said."
    )
    [q] = _direct(text)
    assert q.speaker == "Tom Ardent" and q.speaker_mention == "the sheriff"


def test_company_noun_speaker_is_the_organization() -> None:
    text = (
        "Brightwell Foods recalled its yoghurt on Monday. Brightwell Foods said stores would "
        "refund buyers.\n\n“We are sorry for the trouble this has caused,” the company said."
    )
    [q] = _direct(text)
    assert q.speaker == "Brightwell Foods"


def test_possessor_is_not_the_speaker() -> None:
    [q] = _direct("“She is resting at home now,” Nora Vale's spokesman said.")
    assert q.speaker != "Nora Vale"


def test_relay_told_an_outlet() -> None:
    [q] = _direct("“I am done with politics,” Arlo Penn told People on Tuesday.")
    assert q.speaker == "Arlo Penn" and q.via == "People"


def test_relay_told_the_newspaper_points_back() -> None:
    text = (
        "The Boston Globe first reported the closure.\n\n"
        "“We had no choice,” owner Ben Tate told the newspaper."
    )
    [q] = _direct(text)
    assert q.via == "Boston Globe"


def test_relay_in_an_interview_with() -> None:
    [q] = _direct("“I will run again,” Mira Dane said in an interview with CNN on Sunday.")
    assert q.via == "CNN"


def test_relay_on_a_social_network() -> None:
    [q] = _direct("On its Twitter account, Vexa Telecom said, “Some calls may fail tonight.”")
    assert q.via == "Twitter"


def test_reported_according_to() -> None:
    [q] = _indirect("According to Sheriff Pat Lowe, the driver had been drinking before the crash.")
    assert q.text.startswith("the driver had been drinking")
    assert q.speaker == "Pat Lowe" and q.cue == "according to"


def test_reported_parenthetical_cue() -> None:
    [q] = _indirect("By the time crews arrived, Ron Adler said, the roof had already fallen in.")
    assert q.text.startswith("By the time crews arrived") and q.speaker == "Ron Adler"


def test_reported_inverted_cue() -> None:
    [q] = _indirect("The suspect fled in a grey van, the police said.")
    assert q.text.startswith("The suspect fled") and q.speaker_mention == "the police"


def test_reported_denial_of_a_report() -> None:
    [q] = _indirect("Mark Hale denied a report that he had sold the team to investors.")
    assert q.cue == "deny" and q.text.startswith("he had sold the team")
    assert q.speaker == "Mark Hale"


def test_reported_admission_and_accusation() -> None:
    found = _indirect(
        "Jo Reyes admitted firing at two coworkers. She accused her manager of lying to police."
    )
    cues = {q.cue: q for q in found}
    assert cues["admit"].text.startswith("firing at two coworkers")
    assert cues["accuse"].text.startswith("her manager of lying")
    assert cues["accuse"].speaker == "Jo Reyes"


def test_reported_words_with_a_quoted_word_inside() -> None:
    found = _indirect("The Port Authority said that it was “disappointed” by the strike vote.")
    assert found and found[0].text.startswith("it was")


def test_quote_with_no_cue_after_a_sentence_about_its_speaker() -> None:
    text = (
        "Linda Garcia, who runs the dairy, wrote to the board on Monday.\n\n"
        "“We will make no further payments until the loans are restructured.”"
    )
    [q] = _direct(text)
    assert q.speaker == "Linda Garcia"


def test_pronoun_after_a_long_quote_looks_back_from_its_start() -> None:
    text = (
        "David Garcia threw the ball away over the head of Reggie Miller.\n\n"
        '" As I release the ball to Reggie I am throwing it away.\n\n'
        'I thought it was not the best coverage, " he said.'
    )
    found = _direct(text)
    assert found and all(q.speaker == "David Garcia" for q in found)


def test_cue_sentence_right_after_the_quote() -> None:
    [q] = _direct('"It is official: I am hosting the show!" Ellen Park tweeted Friday.')
    assert q.speaker == "Ellen Park" and q.via == "Twitter"


def test_reported_relative_pronoun_speaker() -> None:
    found = _indirect("The jury heard from Brian Nolan, who argued he was insane at the time.")
    assert found and found[0].speaker == "Brian Nolan"


def test_reported_final_cue_the_parser_left_without_subject() -> None:
    text = (
        "Williams was pulled over for speeding early Sunday on a freeway outside San Diego, "
        "the California Highway Patrol said."
    )
    [q] = _indirect(text)
    assert q.text.startswith("Williams was pulled over") and "Patrol" in (q.speaker_mention or "")


def test_reported_as_x_said() -> None:
    [q] = _indirect(
        "As Greg Moss said Thursday, his son's rebounds will come in handy next season."
    )
    assert q.text.startswith("his son's rebounds") and q.speaker == "Greg Moss"


def test_reported_description_with_as() -> None:
    [q] = _indirect("Richard Fowler described conditions at the centre as unacceptable.")
    assert q.text.startswith("conditions at the centre") and q.cue == "describe"


def test_organization_with_a_person_inside_is_not_the_person() -> None:
    [q] = _indirect("The Obama administration said it was overturning the rule.")
    assert q.speaker != "Obama"


def test_relay_according_to_at_the_start_and_a_domain() -> None:
    [q] = _direct('According to washingtonpost.com, Dr Ray Lund is "the team\'s first choice."')
    assert q.via == "washingtonpost.com"


def test_relay_on_the_website_of_an_organization() -> None:
    from storyline.extract.relays import relay

    words = "In her profile on the National Institutes of Health web site, Benjamin writes"
    assert relay(words) == "National Institutes of Health"
    assert relay("her rep confirms to PEOPLE.") == "PEOPLE"


def test_speaker_the_ner_missed_is_named_by_its_proper_nouns() -> None:
    text = (
        "Qeshm island governor Heydar Alishbandi told AFP that ten people had died.\n\n"
        "“Around 1,000 people are housed in tents,” he said."
    )
    [q] = _direct(text)
    assert q.speaker is not None and q.speaker.endswith("Alishbandi")


def test_role_title_must_sit_on_the_name() -> None:
    text = (
        "Superior Court Judge Alan Ward sentenced Nolan on Friday.\n\n"
        "Nolan killed Judge Rita Barnes, Maria Penn and a deputy.\n\n"
        "The judge offered advice for the prison guards:\n\n"
        "“Do not trust him ever again.”"
    )
    [q] = _direct(text)
    assert q.speaker in ("Alan Ward", "Rita Barnes")  # never Maria Penn, named after a comma


def test_quote_introduced_by_a_comma_in_its_own_sentence() -> None:
    text = (
        "Senator Ed Marley welcomed the rule.\n\n"
        "Andrew Wetzler, director of the Wild Rivers Fund, commented, “This rule ignores science.”"
    )
    [q] = _direct(text)
    assert q.speaker == "Andrew Wetzler"


def test_reported_quoted_as_saying() -> None:
    found = _indirect(
        "Airport chief Ali Naghavi was quoted by IRNA as saying that flights had resumed."
    )
    assert found and found[0].speaker == "Ali Naghavi"
    found = _indirect(
        "The agency IRNA quoted the port manager, Reza Amini, as saying the docks were safe."
    )
    assert found and found[0].speaker == "Reza Amini"


def test_organization_speaks_through_its_statement() -> None:
    text = "A Brightwell Foods statement said the yoghurt had been withdrawn from all stores."
    [q] = _indirect(text)
    assert q.speaker == "Brightwell Foods"


def test_outlet_noun_is_the_outlet_named_before() -> None:
    text = (
        "The Boston Globe first reported the closure on Monday.\n\n"
        "The newspaper said that the owners had debts of two million dollars."
    )
    [q] = [q for q in _indirect(text) if q.text.startswith("the owners")]
    assert q.speaker == "Boston Globe"


def test_cue_is_the_verb_the_quote_hangs_on() -> None:
    text = "“We heard three loud bangs,” and then heard the guards yelling, said Mary Olsen."
    [q] = _direct(text)
    assert q.speaker == "Mary Olsen" and q.cue == "say"


def test_pronoun_to_the_one_person_a_sentence_names() -> None:
    text = (
        "Coach Dan Miller praised the defence on Sunday.\n\n"
        "A big reason for the loss was Tom Quinn, who threw two interceptions.\n\n"
        "“This game was on my shoulders,” he said."
    )
    [q] = _direct(text)
    assert q.speaker == "Tom Quinn"


def test_reported_clause_whose_subject_the_parser_hung_on_the_cue() -> None:
    found = _indirect("Ron Kroll said the old church, which he built, is about thirty years old.")
    assert any(q.text.startswith("the old church") for q in found)


def test_reported_according_to_after_a_conjunction() -> None:
    [q] = _indirect("But according to Rob Sznell, two bomb threats came into the banks.")
    assert q.text.startswith("two bomb threats") and q.speaker == "Rob Sznell"


def test_reported_speaker_hidden_in_a_participle_and_a_noun_saying() -> None:
    found = _indirect(
        "Linebacker Mike Peters, probably playing his final game, said he had to fight tears."
    )
    assert found and (found[0].speaker or "").endswith("Mike Peters")
    found = _indirect("There is a studio saying there is no news to report at all.")
    assert found and found[0].speaker_mention == "a studio"


def test_quote_introduced_by_the_verb_before_a_colon() -> None:
    text = (
        "Fans had the same reaction when, shortly before noon, Doug Miller sent out the "
        "following message on Twitter:\n\n"
        "“I will be returning to Creighton for my senior year and cannot wait to play.”"
    )
    [q] = _direct(text)
    assert q.speaker == "Doug Miller" and q.via == "Twitter"


def test_name_the_ner_cut_short_is_completed() -> None:
    [q] = _indirect("Team spokesman Tim Mead confirmed that the Angels had withdrawn their offer.")
    assert (q.speaker or "").endswith("Mead")


def test_statement_from_an_organization_speaks_for_it() -> None:
    [q] = _indirect("A statement from Brightwell Foods said the store would be rebuilt by June.")
    assert q.speaker == "Brightwell Foods"


def test_according_to_inside_a_report_gives_the_inner_source() -> None:
    found = _indirect(
        "Last night, Ken Ross reported that, according to a league source, the Red Sox are "
        "making progress in their talks."
    )
    inner = [q for q in found if q.cue == "according to"]
    assert inner and inner[0].text.startswith("the Red Sox")


def test_according_to_a_source_with_a_clause_on_it() -> None:
    found = _indirect(
        "In 2005, he was charged with assault, according to court records, which indicate he "
        "grabbed her by the throat."
    )
    assert any(q.text.startswith("In 2005, he was charged") for q in found)


def test_editorial_in_a_newspaper_speaks_for_it() -> None:
    text = "“Athens burns,” said an editorial in the conservative daily The Boston Globe."
    [q] = _direct(text)
    assert q.speaker == "Boston Globe"


def test_the_statement_again_is_the_earlier_statements_source() -> None:
    text = (
        "A Brightwell Foods statement said the yoghurt had been withdrawn from all stores.\n\n"
        "Buyers were told to return it.\n\n"
        "The statement said that refunds would be paid within a week."
    )
    found = [q for q in _indirect(text) if q.text.startswith("refunds")]
    assert found and found[0].speaker == "Brightwell Foods"


def test_given_name_settles_a_pronoun_the_article_leaves_open() -> None:
    # The detective is the main subject of the sentence before; "she" cannot be Dominic.
    text = (
        "Yvonne Haller admitted the shooting in her statement.\n\n"
        "Detective Dominic Marconi, testifying Tuesday at the hearing, said he asked how she felt.\n\n"
        '"I don\'t feel anything," she said.'
    )
    [q] = _direct(text)
    assert q.speaker == "Yvonne Haller"


def test_given_name_gender_needs_a_given_name() -> None:
    from storyline.extract.coref import given_name_gender

    assert given_name_gender("Homicide Detective Dominic Mangoni") == "m"
    assert given_name_gender("Yvonne Hiller") == "f"
    assert given_name_gender("Henry") is None  # a lone surname tells nothing
    assert given_name_gender("Jean Rondeau") is None  # a name both genders carry


def test_a_sentence_sourced_to_a_person_names_the_pronoun() -> None:
    # The parser gives the "According to" sentence no subject; its source is the speaker.
    text = (
        "Engineer Jonathan Wright said repairs would take two weeks.\n\n"
        "According to Alan Mauldin, research director of cable analysis firm TeleGeography, the"
        " succession of outages in the region are only likely to be cured by a series of new"
        " cables which are now being planned.\n\n"
        '"Many new cable systems are slated to enter service in the next few years," he said.'
    )
    [q] = _direct(text)
    assert q.speaker == "Alan Mauldin"


def test_a_role_before_a_sentence_end_is_not_a_title() -> None:
    # "the judge said.\n\nNolan" does not make Nolan, who spoke before, the judge.
    text = (
        'Brian Nolan told the court: "I am sorry for what I did."\n\n'
        "Superior Court Judge James Bodley handed down the maximum sentence.\n\n"
        '"If there was any more I could give you, I would," the judge said.\n\n'
        "Nolan was spared the death penalty.\n\n"
        "The judge offered advice for the guards who will handle Nolan:\n\n"
        '"Do not trust Mr. Nolan ever again."'
    )
    found = {q.text: q.speaker for q in _direct(text)}
    assert found["Do not trust Mr. Nolan ever again."] == "James Bodley"


def test_inverted_cue_whose_subject_the_parser_hung_elsewhere() -> None:
    # The parser makes "Ron Hale" the subject of "is considered"; the name after "said" speaks.
    text = (
        "The studios have wound down production since June.\n\n"
        '"A strike, if one occurred, would be nothing short of terrible," said Ron Hale, the former'
        ' actor and award-winning director of "A Quiet Year" whose latest film, "Salt/Water," is'
        " considered a strong Oscar contender."
    )
    [q] = _direct(text)
    assert q.speaker == "Ron Hale"
