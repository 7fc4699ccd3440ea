"""Quotations and their speakers: the real pipeline on short real sentences.

Most sentences come from the seed article and Wikinews articles (CC BY 2.5, see
tests/data/README.md), some shortened.
"""
from __future__ import annotations

import pytest
from spacy.language import Language

from conftest import analyse
from kgnews.nlp.extract.parse import DocIndex
from kgnews.nlp.extract.quotemarks import quoted_ranges
from kgnews.nlp.extract.quotes import QuotationFinder


def found(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    """(speaker, kind, text) of every quotation found in `text`."""
    doc = analyse(nlp, text)
    return [
        (speaker.text, quotation.kind, quotation.text)
        for quotation in QuotationFinder(doc).quotations()
        for speaker in quotation.speakers
    ]


# --- quotation marks, without the model ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "no" today.', ["no"]),
        ("He said “no” and “yes”.", ["no", "yes"]),
        # a quotation inside another is part of it
        ("She said, \"Women have said, 'It's time.'\" Then she left.", ["Women have said, 'It's time.'"]),
        # a closing mark after a nested single quotation and a space
        ("\"I offered to resign and Trump said, 'Let's talk.' \"", ["I offered to resign and Trump said, 'Let's talk.'"]),
        # top-level single quotation marks, apostrophes left alone
        ("Trump says he 'can' put the Democrats' plans aside", ["can"]),
        # an unclosed mark pairs with nothing
        ('Smith said "the plan is dead, and the committee agreed.', []),
        ('Smith said "the plan is dead. Jones said "it lives" later.', ["it lives"]),
        # a short straight-quoted name inside an open quotation is part of it
        ('"The statement shows no understanding. The "United States" is not holding any detainees." Then '
         'he left.', ['The statement shows no understanding. The "United States" is not holding any detainees.']),
        # quotations end at a line break
        ('He said "one\n\ntwo" today.', []),
        # ... but go on in a paragraph that opens with a quotation mark, news style
        ('He said: "One thing.\n\n"Another thing." Then he left.', ["One thing.", "Another thing."]),
        ('He said: "One thing.\n\nThen he left.', []),
    ],
)
def test_quoted_ranges_pair_marks_without_junk(text: str, quoted: list[str]) -> None:
    assert [text[start:end] for start, end, _ in quoted_ranges(text)] == quoted


# --- direct quotations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # speaker after the quotation
        (
            '"Until the full House votes to authorize an inquiry, nobody is conducting a formal inquiry," '
            "Doug Collins said on Twitter.",
            ("Doug Collins", "Until the full House votes to authorize an inquiry, nobody is conducting a formal inquiry,"),
        ),
        # speaker before it, curly marks
        (
            "Newly elected Assemblywoman Selena Torres said, “It’s really exciting to be part of this female majority.”",
            ("Selena Torres", "It’s really exciting to be part of this female majority."),
        ),
        # "according to X"
        (
            "According to Rutgers University political scholar Kelly Dittmar, \"Women hold fewer than 30 percent "
            'of state legislative seats across the country."',
            ("Kelly Dittmar", "Women hold fewer than 30 percent of state legislative seats across the country."),
        ),
        # "X told Y" with the quotation running over two sentences
        (
            "Catherine Scott, HealthPartners spokeswoman, told the Pioneer Press in an email the issues were "
            "caused by an “An unprecedented number of calls and website visits. We took steps to manage the "
            "incoming traffic, and by midday our systems were back to normal.”",
            (
                "Catherine Scott",
                "An unprecedented number of calls and website visits. We took steps to manage the incoming "
                "traffic, and by midday our systems were back to normal.",
            ),
        ),
        # a one-word scare term, attributed in a relative clause
        (
            "Kerri Kupec sharply criticized the House's decision, which Wilbur Ross has referred to as "
            '"gamesmanship".',
            ("Wilbur Ross", "gamesmanship"),
        ),
        # the passive's agent is the speaker
        (
            'The election results were described by Boris Johnson as a "historic mandate".',
            ("Boris Johnson", "historic mandate"),
        ),
        # "wrote" after the quotation
        (
            '"Let\'s keep fighting for working families," wrote Elizabeth Warren on Twitter.',
            ("Elizabeth Warren", "Let's keep fighting for working families,"),
        ),
    ],
)
def test_direct_quotation_and_speaker(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    speaker, quoted = expected
    assert [(s, q) for s, kind, q in found(nlp, text) if kind == "direct"] == [(speaker, quoted)]


def test_went_on_to_say_resolves_the_pronoun_to_its_person(nlp: Language) -> None:
    text = (
        "In a statement to the press, Governor Mark Dayton claimed that the problems stemmed from a "
        "sinister source. He went on to say, “We’re doing our best to make it work as well as possible. "
        "Unfortunately there’s some people out there who want it to work as badly as possible.”"
    )
    direct = [(s, q) for s, kind, q in found(nlp, text) if kind == "direct"]
    assert direct == [
        (
            "Mark Dayton",
            "We’re doing our best to make it work as well as possible. Unfortunately there’s some people "
            "out there who want it to work as badly as possible.",
        )
    ]


def test_quotation_interrupted_by_its_attribution_is_one(nlp: Language) -> None:
    text = (
        '"I informed John Bolton last night that his services are no longer needed at the White House," '
        'wrote Donald Trump on Twitter, "and therefore I asked John for his resignation."'
    )
    doc = analyse(nlp, text)
    quotations = [q for q in QuotationFinder(doc).quotations() if q.kind == "direct"]
    assert len(quotations) == 1
    quotation = quotations[0]
    assert [speaker.text for speaker in quotation.speakers] == ["Donald Trump"]
    assert [piece.text for piece in quotation.pieces] == [
        "I informed John Bolton last night that his services are no longer needed at the White House,",
        "and therefore I asked John for his resignation.",
    ]
    assert quotation.text == (
        "I informed John Bolton last night that his services are no longer needed at the White House, "
        "and therefore I asked John for his resignation."
    )


def test_quotations_each_with_its_own_cue_stay_apart(nlp: Language) -> None:
    text = (
        '"Thank you for making working families the center of your campaign," wrote Elizabeth Warren on '
        'Twitter. Bernie Sanders wrote, "Congratulations on running a campaign to lift up working people."'
    )
    assert [(s, q) for s, kind, q in found(nlp, text) if kind == "direct"] == [
        ("Elizabeth Warren", "Thank you for making working families the center of your campaign,"),
        ("Bernie Sanders", "Congratulations on running a campaign to lift up working people."),
    ]


def test_a_quotation_that_ends_its_sentence_is_not_continued_by_the_next(nlp: Language) -> None:
    text = (
        'Brett McGurk also criticized the decision via Twitter. "The statement demonstrates a complete lack of '
        'understanding. They are all being held by the SDF." McGurk later wrote, "The SDF suffered thousands of '
        'casualties in the Raqqa battle. Not a single American life was lost."'
    )
    assert [(s, q) for s, kind, q in found(nlp, text) if kind == "direct"] == [
        ("McGurk", "The statement demonstrates a complete lack of understanding. They are all being held by the SDF."),
        ("McGurk", "The SDF suffered thousands of casualties in the Raqqa battle. Not a single American life was lost."),
    ]


def test_a_clause_ending_in_a_colon_introduces_the_quotation(nlp: Language) -> None:
    text = (
        'In a statement released after the attack, the United States Department of Defense justified the strike, '
        'which was approved by President Donald Trump, as "defensive" in nature: "At the direction of the '
        'President, the U.S. military has taken decisive defensive action to protect U.S. personnel abroad. '
        'This strike was aimed at deterring future Iranian attack plans."'
    )
    assert ("United States Department of Defense", "direct", "At the direction of the President, the U.S. military "
            "has taken decisive defensive action to protect U.S. personnel abroad. This strike was aimed at "
            "deterring future Iranian attack plans.") in found(nlp, text)


def test_unbalanced_quotation_marks_yield_no_junk(nlp: Language) -> None:
    text = 'Senator John Smith said "the plan is dead, and the committee agreed with him on Tuesday.'
    assert [fact for fact in found(nlp, text) if fact[1] == "direct"] == []


def test_a_speech_verb_in_a_clause_of_its_own_neither_attributes_nor_is_reported(nlp: Language) -> None:
    """"while Y wrote ..." is Y's own statement: X's quotation stays X's, and X's reported
    clause stops before it."""
    text = ('President Andrzej Duda said the victims were "joyful girls starting out in life [who] have had life '
            'torn away from them" in an "appalling tragedy" while Interior Minister Joachim Brudziński wrote he had '
            "ordered fire safety checks on escape rooms across Poland by the State Fire Brigade.")
    assert found(nlp, text) == [
        ("Andrzej Duda", "direct", "joyful girls starting out in life [who] have had life torn away from them"),
        ("Joachim Brudziński", "indirect",
         "he had ordered fire safety checks on escape rooms across Poland by the State Fire Brigade"),
    ]


def test_a_condition_with_a_speech_verb_stays_part_of_what_was_said(nlp: Language) -> None:
    text = "Donald Trump said he would veto the bill unless Congress announced changes."
    assert ("Donald Trump", "indirect", "he would veto the bill unless Congress announced changes") in found(nlp, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('A university student named Wong said, "Even though the weather was so bad, Hong Kong people never back down."',
         [("Wong", "direct", "Even though the weather was so bad, Hong Kong people never back down.")]),
        # the speaker after the quotation that the parser took for the speech verb's object
        ('"She\'s just doing this to try and disintegrate the movement. A lot of people think that," said a protester '
         "using the pseudonym Katya.",
         [("Katya", "direct", "She's just doing this to try and disintegrate the movement. A lot of people think that,")]),
    ],
)
def test_a_description_speaks_through_the_name_its_participle_gives(
        nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    "text, speaker",
    [
        (  # the man nearer the pronoun is "he" in the article: "she" is the woman named before him
            "Kathleen Spanton told the court she was forced to drink whiskey. Antoine Quirin denied any sexual "
            'activity, but he later claimed sex had been consensual. She told a guard at the door, in French and '
            'English, "they raped me".',
            "Kathleen Spanton",
        ),
        (  # a title tells it too
            'Sophie Obadia, another lawyer for the victim, spoke first. Mr. Antoine Quirin wept in court. She told '
            'reporters "Women in France who have been raped don\'t have to justify their private life."',
            "Sophie Obadia",
        ),
        (  # a person of unknown gender stays the nearest antecedent ("Dominique" is given to both)
            'Sophie Obadia, another lawyer for the victim, spoke first. Dominique Quirin wept in court. She told '
            'reporters "Women in France who have been raped don\'t have to justify their private life."',
            "Dominique Quirin",
        ),
        (  # a given name tells it too ("Antoine" is a man's)
            'Sophie Obadia, another lawyer for the victim, spoke first. Antoine Quirin wept in court. She told '
            'reporters "Women in France who have been raped don\'t have to justify their private life."',
            "Sophie Obadia",
        ),
    ],
)
def test_a_pronoun_speaker_is_the_nearest_person_of_its_gender(nlp: Language, text: str, speaker: str) -> None:
    assert [found_speaker for found_speaker, kind, _ in found(nlp, text) if kind == "direct"] == [speaker]


def test_a_speech_verb_right_after_a_quotation_names_its_speaker_however_parsed(nlp: Language) -> None:
    text = ('"I am in awe of the people who ran towards danger to keep us all safe" tweeted Mayor of London Sadiq '
            "Khan (no relation).")
    assert found(nlp, text) == [
        ("Sadiq Khan", "direct", "I am in awe of the people who ran towards danger to keep us all safe")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a possessive pronoun on a statement noun is its antecedent's
            'House Speaker Nancy Pelosi met reporters on Friday. Her statement read: "We will act to protect the workers."',
            [("Nancy Pelosi", "direct", "We will act to protect the workers.")],
        ),
        ("The Philippine Red Cross sent volunteers. Its statement said the situation was dire.",
         [("Philippine Red Cross", "indirect", "the situation was dire")]),
        (  # a part of a statement speaks for the statement's owner
            "U.S. District Judge Gray Miller ruled on the draft. Part of the judge's statement reads \"the average "
            "woman could conceivably be better suited physically for some of today's combat positions than the "
            'average man." He went on to cite the ruling.',
            [("Gray Miller", "direct", "the average woman could conceivably be better suited physically for some of "
                                       "today's combat positions than the average man.")],
        ),
        (
            'The opinion of the Court, released on Wednesday, read in part, "[I]t is concluded that the oath of office '
            'as governor is unconstitutional."',
            [("Court", "direct", "[I]t is concluded that the oath of office as governor is unconstitutional.")],
        ),
    ],
)
def test_a_statement_that_reads_is_its_owner_speaking(
        nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(nlp, text) == expected


def test_a_quotation_hung_from_another_shares_its_attribution(nlp: Language) -> None:
    """One of a list of quoted words is no sentence of its own to take a speaker from the
    sentences around it: La Riva "called for an end", she did not say "liberty" or "happiness"
    (bulk news); the words share the attribution of the first quoted word, here none."""
    text = (
        'At the final debate held October 24 in Cheyenne, Wyoming, after opening statements, the candidates '
        'received ten questions on fairness in debates, veteran suicides, military propaganda, centralized '
        'control of technology, national sovereignty, the primary system, rank choice voting, ballot access '
        'laws, regulation of artificial intelligence, and the national debt. Chad Peace of the Independent '
        'Voters Network, antiwar activist Adam Kokesh, Brian Anderson of Nexus, conspiracy theorist G. '
        'Edward Griffin, Kaia Los Huertos of the National Association of Nonpartisan Reformers, Renaldo '
        'Pearson of RepresentUS, Richard Winger of Ballot Access News, and Tobin, each asked questions. Like '
        "the previous, the debate concluded with final statements from the candidates.\n\nWith Blankenship's "
        'absence, only four candidates took the stage. In opening, La Riva called for an end to the '
        'capitalist system, and the cancellation of all rents and mortgages. Pierce professed himself '
        '"deeply concerned" about the future of the US and endorsed using "life", "liberty", and "happiness" '
        'as the measure of success. Hawkins renewed his support for the Green New Deal and an Economic Bill '
        'of Rights, and added a call for the abolition of nuclear weapons. He noted that the doomsday clock '
        'is very close to midnight. Carroll argued that the US has the strength necessary to overcome all '
        'the problems it faces. He found it curious he was called a "Democratic socialist" in one '
        'publication and yet received the endorsement of a writer for The American Conservative.')
    assert found(nlp, text) == []  # "life", which they hang from, has no speaker: so neither have they
    text = ("Kerri Kupec, spokeswoman for the Department of Justice, sharply criticized the House's decision, which "
            'Ross has referred to as "gamesmanship" and a "stunt".')
    assert found(nlp, text) == [("Ross", "direct", "gamesmanship"), ("Ross", "direct", "stunt")]


def test_who_is_quoted_as_saying_speaks(nlp: Language) -> None:
    """The passive of "quote" hands its subject to the speech verb of its "as" phrase (CoNLL04 train)."""
    text = ("Linguist Phillip Lieberman of Brown Univeristy in Providence, R.I., was quoted as saying: \"At this point, "
            "the Kebara hyoid doesn't tell us anything about the evolution of speech and language.\"")
    assert found(nlp, text) == [("Phillip Lieberman", "direct", "At this point, the Kebara hyoid doesn't tell us "
                                                               "anything about the evolution of speech and language.")]


def test_according_to_with_a_speech_participle_that_only_qualifies_a_noun(nlp: Language) -> None:
    """"the confirmed deaths" quotes no one, so "According to" still reports the sentence (bulk news,
    shortened; the statement's list is cut at its first comma, which is the parser's reading)."""
    text = ("According to Graciano Mijares, the confirmed deaths are fourteen civilians, five Armed Forces personnel, "
            "and one member of the Coast Guard.")
    assert [(speaker, kind) for speaker, kind, _ in found(nlp, text)] == [("Graciano Mijares", "indirect")]


def test_who_a_writer_quotes_as_saying_speaks(nlp: Language) -> None:
    """The active "quote" hands its object to the speech verb of its "as" phrase, for both quotations
    however the parser hangs the second (development article wikinews-2020-0038)."""
    text = ('Politico quoted Tim Manning, formerly a deputy administrator at FEMA, as saying "FEMA has an important '
            'role in coordinating the larger response to the crisis" and "[i]f there\'s an emergency, FEMA needs to '
            'be involved."')
    assert found(nlp, text) == [
        ("Tim Manning", "direct", "FEMA has an important role in coordinating the larger response to the crisis"),
        ("Tim Manning", "direct", "[i]f there's an emergency, FEMA needs to be involved."),
    ]


def test_who_quotes_unnamed_sources_speaks_for_them(nlp: Language) -> None:
    """Unnamed sources leave the words to the one who quotes them, as an outlet reporting an
    official's words is their speaker in the corpus gold (the reviewer's sentence, session 10)."""
    text = "The New York Times cited officials as saying the strike had killed 10 civilians."
    assert found(nlp, text) == [("New York Times", "indirect", "the strike had killed 10 civilians")]


def test_quotation_without_a_named_speaker_is_left_out(nlp: Language) -> None:
    assert found(nlp, 'All of the pardons issued were "full and unconditional".') == []


# --- reported speech --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "President Donald Trump has said he will not approve a budget that does not allocate funding "
            "for a wall along the border.",
            ("Donald Trump", "he will not approve a budget that does not allocate funding for a wall along the border"),
        ),
        (
            "The Labour Party's leader, Jeremy Corbyn, announced that he will not seek the party's leadership "
            "position in the next general election.",
            ("Jeremy Corbyn", "he will not seek the party's leadership position in the next general election"),
        ),
        (
            "The Baltimore Sun reported Cummings had been sick and was missing from Capitol Hill.",
            ("Baltimore Sun", "Cummings had been sick and was missing from Capitol Hill"),
        ),
        # a time clause dates the report rather than stating it
        (
            "Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into an "
            "agreement with the government of Syria after Turkey began a military offensive into north-eastern "
            "Syria on Wednesday.",
            ("Syrian Democratic Forces", "it had entered into an agreement with the government of Syria"),
        ),
        # a conjoined speech verb is the speaker's next act, not part of the report
        (
            "Greek prime minister Kyriakos Mitsotakis also noted that the Libyan House of Representatives did not "
            "ratify the demarcation, and mentioned a possible arbitration route at the International Court of Justice.",
            ("Kyriakos Mitsotakis", "the Libyan House of Representatives did not ratify the demarcation"),
        ),
        # a relative clause between commas is part of the statement
        (
            "Greek prime minister Kyriakos Mitsotakis reaffirmed that the EastMed project, which currently involves Greece, Cyprus and Israel, "
            "is open for other countries to join.",
            ("Kyriakos Mitsotakis", "the EastMed project which currently involves Greece Cyprus and Israel is open for "
                                    "other countries to join"),
        ),
    ],
)
def test_reported_speech_is_an_indirect_quotation(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert [(s, q) for s, kind, q in found(nlp, text) if kind == "indirect"] == [expected]


def test_reported_clause_that_mostly_quotes_is_left_to_the_direct_quotation(nlp: Language) -> None:
    text = 'In a statement, Maya Rockeymoore Cummings said Cummings "worked until his last breath".'
    assert found(nlp, text) == [("Maya Rockeymoore Cummings", "direct", "worked until his last breath")]


def test_a_conjoined_clause_that_mostly_quotes_is_left_to_the_direct_quotation(nlp: Language) -> None:
    text = ('Greek prime minister Kyriakos Mitsotakis underlined they keep channels to Turkey open for dialog and '
            'that he would be "very-very happy if Turkey were to reconsider its overall approach".')
    assert found(nlp, text) == [
        ("Kyriakos Mitsotakis", "indirect", "they keep channels to Turkey open for dialog"),
        ("Kyriakos Mitsotakis", "direct", "very-very happy if Turkey were to reconsider its overall approach"),
    ]


def test_component_adds_said_facts_with_offsets_and_date(nlp: Language) -> None:
    text = '"There were many times that Ambassador Bolton and I disagreed," Mike Pompeo told the press on Tuesday.'
    doc = analyse(nlp, text, "2019-09-12")
    said = [fact for fact in doc._.kg_facts if fact.relation == "said"]
    assert len(said) == 1
    fact = said[0]
    assert (fact.subject.text, fact.object_type, fact.object.text, fact.kind) == (
        "Mike Pompeo",
        "Quote",
        "There were many times that Ambassador Bolton and I disagreed,",
        None,
    )
    assert text[fact.object.start_char : fact.object.end_char] == fact.object.text
    assert fact.date == "2019-09-10"  # the Tuesday before Thursday 12 September 2019


# --- who speaks: names behind titles, organisations, broken parses ------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser hangs the name off "Agence France-Presse", leaving "said" without a subject
        (
            "Speaking to Agence France-Presse, the president of the Tunisian League for the Defence of Human "
            'Rights, Jamel Msallem, said, "We are for the freedom to dress, but today we find justifications '
            'for this decision".',
            [("Jamel Msallem", "direct",
              "We are for the freedom to dress, but today we find justifications for this decision")],
        ),
        # a definite description stands for the organisation named before it
        (
            "The United States Commission on Presidential Debates announced on Friday the second presidential "
            'debate had been cancelled. In an official statement, the commission said, "It is now apparent '
            'there will be no debate on October 15."',
            [
                ("United States Commission on Presidential Debates", "indirect",
                 "the second presidential debate had been cancelled"),
                ("United States Commission on Presidential Debates", "direct",
                 "It is now apparent there will be no debate on October 15."),
            ],
        ),
        # a country's government named by its nationality is an organisation that speaks
        (
            "The Samoan government said 128 vaccination teams participated.",
            [("Samoan government", "indirect", "128 vaccination teams participated")],
        ),
        # a court's ruling reports what it found
        (
            "The decision was challenged in court, and the Wisconsin Supreme Court ruled Evers lacked authority "
            "to single-handedly reschedule Wisconsin's election.",
            [("Wisconsin Supreme Court", "indirect",
              "Evers lacked authority to single-handedly reschedule Wisconsin's election")],
        ),
        # names the model leaves untagged in a speech verb's subject: a person, an organisation
        (
            'Regina Ip from the pro-Beijing camp said in a press conference: "The behavior of my colleagues '
            'is anti-democratic".',
            [("Regina Ip", "direct", "The behavior of my colleagues is anti-democratic")],
        ),
        (
            "Brudziński said Adamowicz was in a serious condition; TVN24 reported he received surgery.",
            [("Brudziński", "indirect", "Adamowicz was in a serious condition"),
             ("TVN24", "indirect", "he received surgery")],
        ),
        # an acronym the tagger takes for a common noun
        (
            "UNICEF reported they had delivered over 105 thousand doses of vaccine to Samoa by November 22.",
            [("UNICEF", "indirect", "they had delivered over 105 thousand doses of vaccine to Samoa by November 22")],
        ),
        # a possessive's apostrophe is no quotation mark that would leave "According to" to a quote
        (
            "According to the BBC, the SDF is largely made up of YPG militia which support the Kurdistan "
            "Workers' Party (PKK).",
            [("BBC", "indirect", "the SDF is largely made up of YPG militia which support the Kurdistan Workers' Party")],
        ),
        # a relative clause set off by a comma is part of the report, on a noun or on the verb
        (
            "ABS-CBN CEO Carlo Katigbak said refunds for Duterte's unaired political ads were offered, of which "
            "some were not accepted by his campaign.",
            [("Carlo Katigbak", "indirect", "refunds for Duterte's unaired political ads were offered of which some "
              "were not accepted by his campaign")],
        ),
        # a spokesperson speaks for the organisation named after "for", unless the phrase names them
        (
            "A spokesperson for the White House said the president would veto the bill.",
            [("White House", "indirect", "the president would veto the bill")],
        ),
        # ... or the one named in front of the word, whatever the article
        (
            'A Hampshire Police spokesman said "We were called at 8.10am today to reports of a serious collision '
            'on Wellhouse Lane."',
            [("Hampshire Police", "direct",
              "We were called at 8.10am today to reports of a serious collision on Wellhouse Lane.")],
        ),
        (
            "The spokesman for the Iranian foreign ministry, Abbas Mousavi, said the deal was dead.",
            [("Abbas Mousavi", "indirect", "the deal was dead")],
        ),
        # a participle of a speech verb that frames the quotation
        (
            "Former First Lady Michelle Obama gave the keynote address on the opening night, urging viewers, "
            '"we have got to vote for Joe Biden like our lives depend on it."',
            [("Michelle Obama", "direct", "we have got to vote for Joe Biden like our lives depend on it.")],
        ),
        # "talk about" frames what the quotation says (bulk news, the series lead at a convention)
        (
            "Lead actor Paul Sun-Hyung Lee talked about how the series has been underestimated \"up 'til now.\"",
            [("Paul Sun-Hyung Lee", "direct", "up 'til now.")],
        ),
        # a verb that is no speech verb yields to the source "according to" names
        (
            'According to Sufianov, the Olympiad shows young people the "social elevators" available to them.',
            [("Sufianov", "direct", "social elevators")],
        ),
        # ... but a person's own act keeps the words it frames: the outlet reports the act
        (
            'Nancy Pelosi dismissed the plan as "a joke," according to Politico.',
            [("Nancy Pelosi", "direct", "a joke,")],
        ),
        # a statement speaks for who put it out: "by X", or the agent of the verb that issued it
        (
            '"The airline transports weapons and fighters across the Middle East," according to a tweet on Monday '
            "by US Secretary of State Mike Pompeo.",
            [("Mike Pompeo", "direct", "The airline transports weapons and fighters across the Middle East,")],
        ),
        (
            'According to a statement released by the Supreme Court, "Justice Stevens died peacefully of '
            'complications following a stroke."',
            [("Supreme Court", "direct", "Justice Stevens died peacefully of complications following a stroke.")],
        ),
        # ... not a participle that only handled it: the outlet that obtained a letter did not write it
        (
            'According to a letter obtained by CNN, "the plan was never approved."',
            [],
        ),
        # a "that" clause the parser hangs from the statement noun rather than from the verb
        (
            "Amnesty International said in a report that the detainees were tortured.",
            [("Amnesty International", "indirect", "the detainees were tortured")],
        ),
        # a sentence under "According to" whose main verb is a copula
        (
            "According to the Cyprus Mail, the 2000 km long pipeline is to connect the fields with Crete, the Greek "
            "mainland, and would end in Otranto, Italy.",
            [("Cyprus Mail", "indirect", "the 2000 km long pipeline is to connect the fields with Crete and would end "
              "in Otranto")],
        ),
        # a time clause of what would happen is part of the statement (development article wikinews-2019-0058)
        (
            "Terri said the bill would become enforceable after the Supreme Court revisits the case.",
            [("Terri", "indirect", "the bill would become enforceable after the Supreme Court revisits the case")],
        ),
        # a verb of answering back (bulk news, a debate report)
        (
            "Biden attacked Trump for the over 200,000 U.S. deaths from coronavirus. Trump countered that Biden would "
            "have lost even more if he were president due to his opposition to the travel ban from China.",
            [("Trump", "indirect", "Biden would have lost even more if he were president due to his opposition to "
              "the travel ban from China")],
        ),
        # the organisation a title is "of", tagged with the speaker's name and named nowhere else
        (
            '"This announcement cannot change the fact," Hong Kong director of Amnesty International Man-kei '
            "Tam said in a statement.",
            [("Man-kei Tam", "direct", "This announcement cannot change the fact,")],
        ),
    ],
)
def test_speaker_found_through_the_parse_repairs(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Democratic committee chairman Jerrold Nadler of New York has repeatedly maintained an impeachment "
            "inquiry is what the committee is already doing.",
            [("Jerrold Nadler", "indirect", "an impeachment inquiry is what the committee is already doing")],
        ),
        (
            "The SDF said hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped following Turkish "
            "airstrikes from a camp at Ain Issa.",
            [("SDF", "indirect", "hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped following "
              "Turkish airstrikes from a camp at Ain Issa")],
        ),
        (
            'Brudziński said Adamowicz required resuscitation, and was in a "serious" condition; TVN24 reported '
            "he received surgery.",
            [("Brudziński", "indirect", 'Adamowicz required resuscitation, and was in a "serious" condition'),
             ("TVN24", "indirect", "he received surgery")],
        ),
        # a speech verb after its statement whose subject the parser took for its object
        (
            "It is not for the Court to opine about the motivations, argued the government's lawyer, Richard Keen.",
            [("Richard Keen", "indirect", "It is not for the Court to opine about the motivations")],
        ),
        # what a colon spells out belongs to the statement
        (
            "The Supreme Court decision stated they did so for a political reason: to punish the mayor of Fort Lee "
            "for refusing to support the New Jersey Governor’s reelection bid.",
            [("Supreme Court", "indirect", "they did so for a political reason to punish the mayor of Fort Lee for "
                                           "refusing to support the New Jersey Governor’s reelection bid")],
        ),
        # an infinitive's object is no statement, nor is an addressee
        ("Liberal Democrats are to find a new leader after Jo Swinson was defeated in Dunbartonshire East.", []),
        ("Duda told local media Adamowicz's heart was restarted by doctors.",
         [("Duda", "indirect", "Adamowicz's heart was restarted by doctors")]),
        # an object with a clause of its own after "and" is no reported clause, but without "and" it is
        ("China, Iran, and Russia have pledged funds and Syria is taxing certain goods toward the cost of "
         "reconstruction.", []),
        ("Democratic committee chairman Jerrold Nadler of New York has repeatedly maintained an impeachment "
         "inquiry is what the committee is already doing.",
         [("Jerrold Nadler", "indirect", "an impeachment inquiry is what the committee is already doing")]),
    ],
)
def test_a_clause_the_parser_took_for_the_object_is_reported(
        nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [quotation for quotation in found(nlp, text) if quotation[1] == "indirect"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a semicolon or colon parts the clause before the speech verb from it
            'Smith called the disappearance an "interesting" case; Miller said "It is a little hard to '
            'definitively say what\'s going on".',
            [("Smith", "direct", "interesting"), ("Miller", "direct", "It is a little hard to definitively say what's going on")],
        ),
        (
            'The researchers noted implications for penguin conservation: Gownaris remarked, "Over the years, '
            'this team has helped preserve the land and waters around breeding colonies."',
            [("Gownaris", "direct", "Over the years, this team has helped preserve the land and waters around breeding colonies.")],
        ),
        (  # a comma does not
            "Alex Lagakos spoke in Athens. The plan will fail, he said.",
            [("Alex Lagakos", "indirect", "The plan will fail")],
        ),
        # an attribution set off by commas inside the statement (the parser hangs it from the statement)
        (
            "In the wake of van Biljon's death, Connie Moganedi said, the lions were killed.",
            [("Connie Moganedi", "indirect", "the lions were killed")],
        ),
        (
            "The guardrail would be examined, Roberts said, to determine if it had performed as designed.",
            [("Roberts", "indirect", "The guardrail would be examined to determine if it had performed as designed")],
        ),
    ],
)
def test_a_clause_before_a_speech_verb_is_reported_only_across_a_comma(
        nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(nlp, text) == expected


def test_a_title_in_apposition_speaks_for_its_holder_not_for_the_name_before_it(nlp: Language) -> None:
    text = ("National LGBT news source Daily Xtra's editorial director, Rachel Giese, said she felt Tuesday's pleas "
            'might provide "some solace for the families and friends of the victims," but would not answer questions.')
    assert {speaker for speaker, _, _ in found(nlp, text)} == {"Rachel Giese"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The mayor of Paris, Anne Hidalgo, wrote on Twitter: "Paris is mourning its family this afternoon. '
            'The toll is heavy."',
            [("Anne Hidalgo", "direct", "Paris is mourning its family this afternoon. The toll is heavy.")],
        ),
        (
            "Following the president's announcements, the director of Argentina's Amnesty International, Mariela "
            'Belski, said the president had "heard the demands of women, adolescents and girls".',
            [("Mariela Belski", "direct", "heard the demands of women, adolescents and girls")],
        ),
    ],
)
def test_a_name_in_apposition_to_a_titles_of_phrase_speaks(
        nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    # the parser hangs the name off the place or organisation the title is "of"
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"It was a mistake," said an aide to John Smith.',
        'An aide to John Smith said "it was a mistake."',
        # the object's own title before the name changes nothing
        '"It was a mistake," said an aide to Sen. John Smith.',
        'An adviser to President John Smith said "it was a mistake."',
    ],
)
def test_the_person_a_title_is_to_or_of_is_not_its_holder(nlp: Language, text: str) -> None:
    # the aide speaks, not John Smith; with the aide unnamed there is no speaker
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        'The aide, who once advised Hillary Clinton, said "it was wrong."',
        'The aide who once advised Hillary Clinton said "it was wrong."',
    ],
)
def test_a_name_in_a_clause_of_the_title_is_not_its_holder(nlp: Language, text: str) -> None:
    assert found(nlp, text) == []


def test_a_named_aide_to_a_titled_person_speaks(nlp: Language) -> None:
    assert found(nlp, '"It was a mistake," said Jane Doe, an aide to Sen. John Smith.') == [
        ("Jane Doe", "direct", "It was a mistake,")
    ]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('Trump was said to be suffering "minor symptoms", and was admitted to Walter Reed Hospital as a precaution.',
         "minor symptoms"),
        # the WHO, named by a "by" phrase of the passive, is not found as the speaker yet (a known miss)
        ('COVID-19 was previously announced to be a "pandemic" by the World Health Organization (WHO).', "pandemic"),
    ],
)
def test_a_speech_verb_above_without_a_named_speaker_keeps_the_quotation_from_the_subject_below(
        nlp: Language, text: str, quoted: str) -> None:
    # who said it is not named (or not found): the subject of the verb the quotation hangs from did not say it
    assert [span.text for span in DocIndex.of(analyse(nlp, text)).quotations] == [quoted]  # the quotation is seen
    assert found(nlp, text) == []


def test_a_title_is_said_only_through_a_speech_or_naming_verb(nlp: Language) -> None:
    # review finding: "read" (a speech verb for "the statement read") gave a book to its reader
    assert found(nlp, 'Maria Ivanova read "War and Peace" last summer.') == []
    text = ("On Wednesday, Turkey began a military offensive with airstrikes followed by a ground invasion. "
            'Erdoğan named it "Operation Peace Spring" and named both the PKK and the YPG as terrorists.')
    assert found(nlp, text) == [("Erdoğan", "direct", "Operation Peace Spring")]


def test_a_title_speaks_for_its_holder_not_for_the_country_before_it(nlp: Language) -> None:
    # "the US ambassador" is not the United States; with no name given there is no speaker
    assert found(nlp, 'The US ambassador said "we will stay."') == []


def test_a_ruling_with_an_infinitive_reports_no_statement(nlp: Language) -> None:
    text = (
        "On Wednesday, the Court of Session in Scotland issued an opinion on the suspension of the Parliament "
        "of the United Kingdom, finding it to be unlawful."
    )
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reported clause that only quotes a phrase is reported speech of its own
        (
            'Nicola Sturgeon said it was "the moment of maximum opportunity" for stopping a no-deal Brexit.',
            [("Nicola Sturgeon", "indirect", "it was the moment of maximum opportunity for stopping a no-deal Brexit"),
             ("Nicola Sturgeon", "direct", "the moment of maximum opportunity")],
        ),
        # a definite title is the person last named with it
        (
            "Italian economic development minister Stefano Patuanelli sent a letter of support, but the minister "
            "said they are to build another pipeline to Igoumenitsa, Greece.",
            [("Stefano Patuanelli", "indirect", "they are to build another pipeline to Igoumenitsa")],
        ),
        # a statement speaks for its owner
        (
            "The Court of Session ruled on Wednesday. The court's summary concluded with the statement: \"The Court "
            'will accordingly make an Order declaring that the prorogation was unlawful."',
            [("Court of Session", "direct",
              "The Court will accordingly make an Order declaring that the prorogation was unlawful.")],
        ),
        # an organisation's website speaks for it (bulk news)
        (
            'COVID-19 was previously announced to be a "pandemic" by the World Health Organization (WHO). The WHO\'s '
            'website said: "While some western, traditional or home remedies may provide comfort and alleviate '
            'symptoms of COVID-19, there is no evidence that current medicine can prevent or cure the disease."',
            [("WHO", "direct", "While some western, traditional or home remedies may provide comfort and alleviate "
                               "symptoms of COVID-19, there is no evidence that current medicine can prevent or cure "
                               "the disease.")],
        ),
        # a statement speaks for who issued it
        (
            "This Thursday the United States Commission on International Religious Freedom (USCIRF) also "
            "criticized the move. They released a statement which said, \"Hagia Sophia bears profound historical "
            'and spiritual significance to Muslims and Christians alike".',
            [("United States Commission on International Religious Freedom", "direct",
              "Hagia Sophia bears profound historical and spiritual significance to Muslims and Christians alike")],
        ),
        # a statement "saying" something speaks for who issued it (bulk news)
        (
            "Presidential physician Sean Conley issued a statement saying Trump has been given zinc, vitamin D, "
            "Pepcid and a daily Aspirin.",
            [("Sean Conley", "indirect", "Trump has been given zinc vitamin D Pepcid and a daily Aspirin")],
        ),
        # only a verb that puts a statement out makes its subject speak through it
        (
            "The Foreign Ministry rejected a statement which said \"Turkey has no right to the waters\".",
            [],
        ),
        # "one of" a group is the name in apposition to it
        (
            "One of these groups, the Syrian Democratic Forces (SDF), opposed the withdrawal and said it was "
            'previously given "assurances from the US that it would not allow any Turkish military operations '
            'against the region."',
            [("Syrian Democratic Forces", "direct", "assurances from the US that it would not allow any Turkish "
                                                    "military operations against the region.")],
        ),
        # a definite description is the last subject with its head word, not a later predicate
        (
            "The Court of Session is the highest civil court in Scotland. The only court with higher authority is "
            "the Supreme Court of the United Kingdom. The three-judge court found Johnson's advice to the Queen "
            '"was motivated by the improper purpose of stymying Parliament."',
            [("Court of Session", "direct", "was motivated by the improper purpose of stymying Parliament.")],
        ),
        # ... but a later subject or object with the head word comes before an earlier subject
        (
            "The Supreme Court ruled against the state in 2018. The case then went back to the Court of Appeal, "
            'which held a hearing this week. The court said "the state must pay the costs of the appeal".',
            [("Court of Appeal", "direct", "the state must pay the costs of the appeal")],
        ),
        # a subject in the pronoun's paragraph before the main subject of an earlier paragraph
        (
            "On Thursday, Hatice Cengiz, fiancée of journalist Jamal Khashoggi, addressed reporters in New York. "
            "Cengiz traveled to New York for the United Nations General Assembly.\n\nThe previous day, television "
            "broadcaster PBS revealed that in December, Crown Prince Mohammad bin Salman of Saudi Arabia accepted "
            "responsibility for the murder of journalist Jamal Khashoggi. Speaking to Martin Smith of PBS, he said, "
            '"It happened under my watch."',
            [("PBS", "indirect", "Crown Prince Mohammad bin Salman of Saudi Arabia accepted responsibility for the "
                                 "murder of journalist Jamal Khashoggi"),
             ("Mohammad bin Salman", "direct", "It happened under my watch.")],
        ),
        # "they" after an unnamed group as the main subject is that group, not the organisation
        # named in the relative clause
        (
            "Some of the protesters Wikinews interviewed said they had gone to \"defend [their] children's right "
            'to live and work in Europe".',
            [],
        ),
        # an organisation as the main subject is still what "they" stands for
        (
            "The Syrian Democratic Forces opposed the withdrawal. They said they had been given \"assurances from "
            'the US".',
            [("Syrian Democratic Forces", "direct", "assurances from the US")],
        ),
    ],
)
def test_speaker_named_earlier_in_the_article(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(nlp, text) == expected


def test_quotes_and_memberships_resolve_a_pronoun_alike(nlp: Language) -> None:
    # "Smith" inside the quotation is no antecedent: the speaker "he" is Jones, and so is the
    # "he" who joined the party (the position extractor once had a resolver of its own that
    # counted quoted names, and gave the membership to Smith).
    doc = analyse(nlp, 'Jones criticised the plan on Monday. "Smith has no idea," he said, and he later '
                       'joined the Labour Party.')
    facts = {(fact.subject.text, fact.relation) for fact in doc._.kg_facts}
    assert ("Jones", "said") in facts and ("Jones", "member_of") in facts
    assert not any(subject == "Smith" for subject, _ in facts)
    index = DocIndex.of(doc)
    assert QuotationFinder.of(doc).referents is index.referents


def test_a_pronoun_subject_hands_its_antecedent_on(nlp: Language) -> None:
    # Mitsotakis is named four sentences before the last "He"; each "he" in between is the
    # nearest subject of that form, and stands for him.
    text = (
        "In his Tuesday live-streamed talk at the United States think tank Atlantic Council's Washington "
        "headquarters, Mitsotakis reaffirmed that the EastMed project, which currently involves Greece, Cyprus "
        'and Israel, is open for other countries to join. "We don\'t seek to exclude anyone from energy '
        'cooperation in the Eastern Mediterranean provided they respect international law", he said, repeating '
        "his January 2 remarks made on the EastMed signing ceremony.\n\n"
        'He also commented on the Turkish-Libyan maritime border agreement, calling it "null and void" and '
        '"geographically ridiculous". "The agreement assumes that our islands, including our biggest island '
        "Crete, does not have an exclusive economic zone, which goes against everything we know in "
        'international law", he added. He also noted that the Libyan House of Representatives rejected the '
        "demarcation, and that Greece and Turkey might end up before International Court of Justice in the "
        "Hague if talks would fail."
    )
    assert [(speaker, kind, said[:60]) for speaker, kind, said in found(nlp, text)][-1] == (
        "Mitsotakis", "indirect", "the Libyan House of Representatives rejected the demarcation")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation over two paragraphs, attributed in the first
        (
            'Senator Jane Miller said on Tuesday: "We will not give up on this bill.\n\n"We will fight the '
            'decision in every court in the land."',
            [("Jane Miller", "direct",
              "We will not give up on this bill. We will fight the decision in every court in the land.")],
        ),
        # or in the last; the parser marks the subject of "said" passive here, which it is not
        (
            'Jane Roe spoke on Monday.\n\n"We will not give up on this bill.\n\n"We will fight the decision in '
            'every court," she said.',
            [("Jane Roe", "direct", "We will not give up on this bill. We will fight the decision in every court,")],
        ),
    ],
)
def test_quotation_over_paragraphs(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(nlp, text) == expected
