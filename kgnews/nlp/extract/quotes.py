"""Quotations and their speakers, as pure functions over a parsed Doc.

Direct quotations are the top-level quoted stretches of the text
(`kgnews.nlp.extract.quotemarks`).

The speaker of a quotation is found, in this order:
1. through the parse: the verbs the quotation hangs from ("Pelosi told the public",
   "what he called 'a crisis'", "saying ...", "were described by Johnson as ..."), a
   speech verb before any other, nearest first;
2. "according to X" in its sentence;
3. for a quotation that is a sentence of its own, the nearest speech verb in the
   sentences around it.
The speaker is an entity span (pronouns resolved to their antecedent); a quotation without
one is left out. A quotation interrupted by its attribution ('"...," he said, "..."') is
one quotation of several pieces, and so is one that runs over paragraphs (attributed in any).

Reported speech ("X said (that) ...", "According to X, ...") gives indirect quotations:
the reported clause, cut to its statement. A clause that mostly repeats a direct quotation
is left to that quotation.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.extract import clauses
from kgnews.nlp.extract.coref import prepositional_object_name
from kgnews.nlp.extract.docwords import DocWords
from kgnews.nlp.extract.parse import DocIndex, listed_people
from kgnews.nlp.extract.dates import DATE_LABELS, clause_date
from kgnews.nlp.spanfacts import SpanFact

# Verbs climbed from a quotation's attachment point towards the sentence root.
MAX_CHAIN = 3
# Words between the pieces of an interrupted quotation (the attribution) at most.
MAX_INTERRUPTION_WORDS = 12
# A reported clause that is mostly (this share of its words) a quotation is left to the
# quotation; one that only quotes a phrase ('said it was "the moment of maximum opportunity"
# for stopping ...') is reported speech of its own.
QUOTED_SHARE_TO_DEFER = 0.5
MIN_CLAUSE_TOKENS = 3
# Words after an inverted speech verb in which its speaker is named ("tweeted Mayor of London Sadiq Khan").
MAX_INVERTED_SPEAKER_WORDS = 8
SENTENCE_ENDS = frozenset(".!?")
# Entity labels of titles that quotation marks set off.
TITLE_LABELS = frozenset({"WORK_OF_ART", "LAW"})


class Quotation(NamedTuple):
    speakers: tuple[Span, ...]  # entity spans, one per conjoined speaker
    cue: Token | None  # the verb that attributes it
    pieces: tuple[Span, ...]  # the content span(s), without quotation marks
    text: str  # the content, pieces joined
    kind: str  # "direct" | "indirect"
    sentence: Span


class _Candidate(NamedTuple):
    """A verb that may attribute a quotation, with the speakers it names. `rank` orders them:
    speech verbs first, then the verb nearest the quotation in the parse, then in the text."""
    rank: tuple[bool, int, int]  # (not a speech verb, depth up the chain, distance)
    speakers: tuple[Span, ...]
    verb: Token

    @property
    def by_speech_verb(self) -> bool:
        return not self.rank[0]


class _Attribution(NamedTuple):
    speakers: tuple[Span, ...]
    cue: Token | None
    anchors: frozenset[int]  # tokens outside the quotation that it is linked with


NO_ATTRIBUTION = _Attribution((), None, frozenset())


def _verb_of(token: Token) -> Token | None:
    """`token` if it is a verb, else the nearest verb it hangs from."""
    for _ in range(MAX_CHAIN + 1):
        if token.pos_ in clauses.VERB_POS:
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def _chain(verb: Token | None) -> Iterator[Token]:
    """`verb` and up to MAX_CHAIN - 1 verbs above it."""
    for _ in range(MAX_CHAIN):
        if verb is None:
            return
        yield verb
        verb = _verb_of(verb.head) if verb.head != verb else None


# Words by which a reader speaks: "read out a statement", "read aloud".
READING_OUT = frozenset({"out", "aloud"})


def is_speech_verb(verb: Token) -> bool:
    """A speech verb used as one. One that speaks only through a text (speech_verbs.tsv speaker
    "text": "the statement read") does not with a person or pronoun for subject unless read out:
    "She read "War and Peace"" says nothing."""
    if verb.lemma_ not in gazetteers.speech_verbs():
        return False
    if verb.lemma_ not in gazetteers.text_speech_verbs() or any(child.lower_ in READING_OUT for child in verb.children):
        return True
    return not any(doer.pos_ == "PRON" or doer.ent_type_ == "PERSON" for doer in clauses.doers(verb))


def _frames_speech(verb: Token) -> bool:
    """A speech verb, or one introducing a speech verb ("went on to add")."""
    return is_speech_verb(verb) or any(
        child.dep_ in ("xcomp", "advcl") and is_speech_verb(child) for child in verb.children
    )


def _statement_saying(verb: Token) -> list[Token]:
    """The statement noun a speech participle describes, which speaks through it: "issued a
    statement saying Trump has been given zinc" (its owner or issuer is the speaker)."""
    head = verb.head
    if (verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in gazetteers.statement_nouns()
            and is_speech_verb(verb)):
        return [head]
    return []


def _is_that_clause(verb: Token) -> bool:
    """A clause introduced by the complementiser "that"."""
    return any(child.dep_ == "mark" and child.lower_ == "that" for child in verb.children)


def _statement_clauses(verb: Token) -> list[Token]:
    """"that" clauses the parser hung from the statement noun of the verb's prepositional
    phrase rather than from the verb: "said in a report that the detainees were tortured"."""
    return [
        clause
        for prep in verb.children
        if prep.dep_ == "prep"
        for noun in prep.children
        if noun.dep_ == "pobj" and noun.lemma_.lower() in gazetteers.statement_nouns()
        for clause in noun.children
        if clause.dep_ in ("acl", "ccomp") and clause.i > noun.i and _is_that_clause(clause)
    ]


# The one subordinating word that can introduce an attribution: '"...", as Smith put it'.
ATTRIBUTING_MARKS = frozenset({"as"})


def _subordinate_speech(verb: Token) -> bool:
    """A speech verb in an adverbial clause of its own ("while Brudziński wrote he had ordered
    checks"): another speaker's statement, not the attribution of the clause it hangs from."""
    return verb.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ not in ATTRIBUTING_MARKS for child in verb.children
    ) and any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)


# Subordinating words that set a second statement beside the first ("..., while Brudziński
# wrote he had ordered checks"); others make a condition or a time of the first ("he would veto
# the bill unless Congress announced changes"), which is part of what was said.
CONTRASTING_MARKS = frozenset({"while", "whereas"})


def _without_other_speech(tokens: list[Token]) -> list[Token]:
    """A reported clause without the subordinate statements of other speakers in it."""
    others = {other.i for token in tokens if token.lemma_ in gazetteers.speech_verbs() and _subordinate_speech(token)
              and any(child.dep_ == "mark" and child.lower_ in CONTRASTING_MARKS for child in token.children)
              for other in token.subtree}
    kept = [token for token in tokens if token.i not in others]
    while kept and kept[-1].is_punct and not kept[-1].is_quote:
        kept.pop()
    return kept


def _distance(token: Token, span: Span) -> int:
    return min(abs(token.i - span.start), abs(token.i - span.end))


# Words a noun phrase runs over at most between a speech verb and the verb of its clause.
MAX_OBJECT_WORDS = 12
RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where", "when"})
CLAUSE_ENDS = frozenset({";", "—", "–", "--"})
# Punctuation that ends a clause for a speech verb after it (a comma does not: "It will fail, he said").
CLAUSE_BREAKS = frozenset({";", ":"})


def clause_taken_for_object(verb: Token) -> list[Token] | None:
    """A reported clause without "that" whose subject the parser took for the speech verb's
    object: "maintained an impeachment inquiry is what ...", "said hundreds of ISIS
    (Islamic State) fighters escaped", "said Adamowicz required resuscitation". The object
    follows the verb at once and is no addressee ("told local media ..."), and a finite verb
    follows the object's noun phrase (one phrase: no second determiner, no relative word, no
    comma, no preposition but "of"); the clause runs to the end of the sentence or a
    semicolon or dash."""
    doc = verb.doc
    start = verb.i + 1
    if verb.lemma_ in gazetteers.addressee_verbs() or clauses.is_infinitive(verb) or not any(child.dep_ == "dobj" and child.left_edge.i == start for child in verb.children):
        return None
    sentence_end = verb.sent.end
    depth, nouns, at = 0, 0, start
    while at < sentence_end and at - start <= MAX_OBJECT_WORDS:
        token = doc[at]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0:
            if token.tag_ in clauses.FINITE_TAGS or token.tag_ == "MD" or (
                    token.tag_ == "VBN" and doc[at - 1].pos_ == "PROPN" and token.dep_ != "relcl"):
                break
            if (token.pos_ in clauses.VERB_POS or token.lower_ in RELATIVE_WORDS or
                    (token.pos_ == "ADP" and token.lower_ != "of") or (token.is_punct and token.tag_ != "POS")
                    or (token.pos_ == "DET" and nouns)):
                return None
            nouns += token.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
        at += 1
    else:
        return None
    if not nouns or doc[at].dep_ == "relcl":
        return None
    clause_verb = doc[at].head if doc[at].dep_ in ("aux", "auxpass") else doc[at]
    if clause_verb.dep_ == "conj" and clause_verb.head == verb and any(
            token.dep_ == "cc" and token.head in (verb, clause_verb) for token in doc[start:at]):
        return None  # a clause of its own after the object: "have pledged funds and Syria is taxing goods"
    end = at
    while end < sentence_end and doc[end].text not in CLAUSE_ENDS:
        end += 1
    tokens = list(doc[start:end])
    while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
        tokens.pop()
    return tokens


def inverted_speaker(verb: Token) -> Token | None:
    """The speaker the parser took for the object of a speech verb that follows its statement
    after a comma: "It is not for the Court to opine about the motivations, argued the
    government's lawyer, Richard Keen." The verb hangs from the statement's verb and has no
    subject of its own, and is finite: a participle there is the writer's ("denounced the conclusions,
    calling the agreements ...")."""
    head = verb.head
    if verb.tag_ not in clauses.FINITE_TAGS or (verb.dep_ not in ("conj", "parataxis", "ccomp", "advcl") or head.i > verb.i or head.pos_ not in clauses.VERB_POS
            or verb.i == 0 or verb.doc[verb.i - 1].text != "," or any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)):
        return None
    return next((child for child in verb.children if child.dep_ == "dobj" and child.i > verb.i), None)


def parenthetical_statement(verb: Token) -> list[Token] | None:
    """The statement a speech verb with a subject of its own interrupts or closes, set off by a
    comma: "The lions, Connie Moganedi said, were killed", "The guardrail would be examined,
    Roberts said, to determine if it had performed as designed". The parser hangs such a verb
    from the statement's verb; the statement is that verb's clause without the attribution,
    and with an infinitive the parser hung from the attribution after its closing comma."""
    head = verb.head
    subject = next((child for child in verb.children if child.dep_ == "nsubj" and child.i < verb.i), None)
    opening = subject.left_edge.i - 1 if subject is not None else -1
    if verb.dep_ != "parataxis" or head.pos_ not in clauses.VERB_POS or opening < 0 or verb.doc[opening].text != ",":
        return None
    attribution = {token.i for token in verb.subtree}
    tokens = [token for token in clauses.clause_tokens([head]) if token.i not in attribution]
    tokens += [token for child in verb.children
               if child.i > verb.i and child.dep_ in ("xcomp", "advcl") and clauses.is_infinitive(child)
               and verb.doc[child.left_edge.i - 1].text == ","
               for token in child.subtree]
    return sorted(tokens, key=lambda token: token.i)


class QuotationFinder:
    """Quotations of one Doc: their spans, speakers, and the reported clauses.

    `QuotationFinder.of(doc)` shares one finder between the quote and event components.
    """

    _latest: tuple[Doc, QuotationFinder] | None = None

    @classmethod
    def of(cls, doc: Doc) -> QuotationFinder:
        """The finder of `doc`, made once for the components that run on it in turn."""
        if cls._latest is None or cls._latest[0] is not doc:
            cls._latest = (doc, cls(doc))
        return cls._latest[1]

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.index = DocIndex.of(doc)
        self.spans = self.index.quotations
        self.referents = self.index.referents
        self.quotation_at: list[int] = [-1] * len(doc)
        for number, span in enumerate(self.spans):
            for index in range(span.start, span.end):
                self.quotation_at[index] = number
        self.sentences = self.referents.sentences

    def quoted(self, token: Token) -> bool:
        return self.quotation_at[token.i] >= 0

    def speakers(self, verb: Token) -> tuple[Span, ...]:
        """Entity spans of who performs `verb`, within its paragraph; a named subject brings the
        names listed with it, however the parser hung the list ("Senators A of Ohio, B of Utah,
        and C of Iowa voted"), and a common one the names it includes."""
        found: list[Span] = []
        for token in clauses.doers(verb) or _statement_saying(verb):
            if not self.referents.same_line(token, verb) or (self.quoted(token) and not self.quoted(verb)):
                continue  # a subject in a quotation acts in the quoted words, not in the writer's
            ent = self.referents.entity(token)
            if ent is None:
                named = self._included(token, verb)
            elif ent.label_ == "PERSON":
                named = listed_people(self.index, ent)
                if token.tag_ == "NNS" and token.pos_ == "NOUN" and ent.end <= token.i and any(
                        child.dep_ in ("compound", "amod") for child in token.children):
                    # a qualified plural title said back of a list: "the energy ministers" are those of the
                    # list with that title (but "the two leaders" are all of them)
                    named = [person for person in named if self._titled_as(person, token)] or named
            else:
                named = [ent]
            found.extend(person for person in named if person not in found)
        return tuple(found)

    def _titled_as(self, person: Span, title: Token) -> bool:
        """Whether a person's title (as the DocIndex reads it, right before the name) is a plural
        title with its modifiers: "energy minister Yuval Steinitz" for "the energy ministers", not
        "prime minister Benjamin Netanyahu"."""
        own = self.index.title_ending_at.get(person.start)
        if own is None or own[-1].lemma_.lower() != title.lemma_.lower():
            return False
        modifiers = {child.lower_ for child in title.children if child.dep_ in ("compound", "amod")}
        before = {token.lower_ for token in person.doc[max(own.start - len(modifiers), 0) : own.end]}
        return modifiers <= before

    def _included(self, noun: Token, verb: Token) -> list[Span]:
        """The names a common noun counts in: "African countries including Algeria and Morocco",
        or, for a plural subject, an "including" phrase that ends its clause ("multiple officials
        pressured Trump not to commute the sentence, including Representatives LaHood and Bost")."""
        if noun.tag_ == "NNS" and (apposed := self._apposed_list(noun)):
            return apposed
        phrases = [child for child in noun.children if child.lower_ == "including"]
        if not phrases and noun.tag_ == "NNS" and noun.dep_ in ("nsubj", "nsubjpass"):
            phrases = [token for token in verb.subtree if token.lower_ == "including" and token.i > verb.i
                       and token.i > 0 and token.nbor(-1).text == ","]
        return [
            ent
            for including in phrases
            if including.dep_ == "prep"
            for pobj in including.children
            if pobj.dep_ == "pobj"
            for named in (pobj, *pobj.conjuncts)
            if (ent := self.referents.entity(named)) is not None
        ]

    def _apposed_list(self, noun: Token) -> list[Span]:
        """The people listed right after a plural noun and a comma, in apposition to it however
        the parser hung them: "Shoukry and his Greek, Cypriot and French counterparts, Nikos Dendias,
        Nikos Christodoulides and Jean-Yves Le Drian, respectively, gathered"."""
        at = noun.i + 1
        if at + 1 >= len(noun.doc) or noun.doc[at].text != ",":
            return []
        first = self.index.person_of_token.get(at + 1)
        if first is None or first.start != at + 1 or first.root.dep_ not in ("appos", "conj"):
            return []  # not "The protesters, Smith said, marched"
        return listed_people(self.index, first)

    def _sentences_of(self, span: Span) -> list[Span]:
        first = self.referents.sentence_index(span[0])
        last = self.referents.sentence_index(span[-1])
        return self.sentences[first : last + 1]

    def _anchors(self, content: Span) -> set[Token]:
        """Tokens outside `content` (and outside other quotations) linked to it by the parse."""
        number = self.quotation_at[content.start]
        anchors = {
            token.head
            for token in content
            if self.quotation_at[token.head.i] != number and not token.is_punct and not token.head.is_punct
        }
        for sentence in self._sentences_of(content):
            anchors.update(
                token
                for token in sentence
                if token.pos_ == "VERB"
                and self.quotation_at[token.i] < 0
                and self.quotation_at[token.head.i] == number
                and (_frames_speech(token) or self._introduces(token, content))
                and not _subordinate_speech(token)
            )
        first = content[0]
        return {anchor for anchor in anchors if not self.quoted(anchor) and self.referents.same_line(anchor, first)}

    def _introduces(self, verb: Token, content: Span) -> bool:
        """Whether `verb` heads the clause a colon ends right before the quotation: 'the
        Department justified the strike as "defensive" in nature: "At the direction ..."'."""
        colon = content.start - 2  # before the opening mark
        return verb.i < colon and self.doc[colon].text == ":" and verb.left_edge.i <= colon

    def _names_a_work(self, content: Span) -> bool:
        """Whether quotation marks only set off a title the model names as a work or a law."""
        words = [token for token in content if not token.is_punct]
        ent = self.referents.named_entity(words[0]) if words else None
        return ent is not None and ent.label_ in TITLE_LABELS and ent.end >= words[-1].i + 1

    def attribute(self, content: Span) -> _Attribution:
        """Who said the quotation `content`, and through which verb. A title is said only through a
        speech verb or a naming one ("He named it "Operation Peace Spring""): "Maria Ivanova read
        "War and Peace"" quotes no one."""
        anchors = self._anchors(content)
        anchor_indices = frozenset(anchor.i for anchor in anchors)
        title = self._names_a_work(content)
        best: _Candidate | None = None
        for anchor in anchors:
            chain_best: _Candidate | None = None
            for depth, verb in enumerate(_chain(_verb_of(anchor))):
                if self.quoted(verb) or not self.referents.same_line(verb, anchor):
                    break
                speech = _frames_speech(verb)
                if (depth or title) and not speech and not (title and verb.lemma_ in gazetteers.naming_words()["verb"]):
                    continue  # beyond the verb it hangs from, only a speech verb attributes
                # a quoting verb's "as saying" speaks for it: in 'Politico quoted Tim Manning as saying
                # "..." and "..."' Manning says both, however the parser hangs the second quotation
                saying = clauses.quoted_saying(verb) or verb
                speakers = self.speakers(saying) or (self._inverted_speakers(verb, content) if speech else ())
                if speakers:
                    candidate = _Candidate((not speech, depth, _distance(verb, content)), speakers, verb)
                    if chain_best is None or candidate.rank < chain_best.rank:
                        chain_best = candidate
                elif speech and chain_best is not None and not chain_best.by_speech_verb:
                    # "Day's animal foundation said she had been in "excellent physical health"": the
                    # unnamed speaker above says it, not the subject of the verb it hangs from
                    chain_best = None
                    break
            if chain_best is not None and (best is None or chain_best.rank < best.rank):
                best = chain_best
        # a verb that is no speech verb yields to a source the sentence names: in "According to
        # Sufianov, the Olympiad shows young people the "social elevators"" Sufianov speaks; a
        # person's own act keeps its words ('Pelosi dismissed the plan as "a joke," according to
        # Politico': the outlet reports the act, Pelosi spoke)
        speech_cue = best is not None and (best.by_speech_verb or any(speaker.label_ == "PERSON" for speaker in best.speakers))
        according = () if speech_cue else self._according_to(self._sentences_of(content))
        if best is not None and not according:
            return _Attribution(best.speakers, best.verb, anchor_indices)
        inverted = self._speech_verb_after(content)
        if inverted is not None:
            return inverted
        if according:
            return _Attribution(according, None, anchor_indices)
        if anchors:
            return NO_ATTRIBUTION
        earlier = self._quotation_hung_from(content)
        return self._nearby_cue(content) if earlier is None else self.attribute(self.spans[earlier])

    def _quotation_hung_from(self, content: Span) -> int | None:
        """The earlier quotation the parse hangs this one from, whose attribution it shares:
        'referred to as "gamesmanship" and a "stunt"', 'endorsed using "life", "liberty", and
        "happiness"' (a quoted word of a list is no sentence of its own)."""
        number = self.quotation_at[content.start]
        return next((other for token in content if not token.is_punct
                     if 0 <= (other := self.quotation_at[token.head.i]) < number), None)

    def _word_after_closing_mark(self, content: Span) -> Token | None:
        """The word right after the quotation's closing mark, where an inverted attribution's
        verb stands ('"...," said X')."""
        after = content.end + 1
        return self.doc[after] if after < len(self.doc) and self.doc[content.end].is_quote else None

    def _inverted_speakers(self, verb: Token, content: Span) -> tuple[Span, ...]:
        """The speaker after a speech verb right after the quotation that the parser took for
        its object: '"A lot of people think that," said a protester using the pseudonym Katya.'"""
        if verb != self._word_after_closing_mark(content):
            return ()
        return tuple(ent for child in verb.children if child.dep_ == "dobj"
                     and (ent := self.referents.entity(child)) is not None)

    def _speech_verb_after(self, content: Span) -> _Attribution | None:
        """'"...," tweeted Mayor of London Sadiq Khan' however it is parsed: a speech verb right
        after the closing mark, and the person named in the words after it (an organisation only
        right after it: 'said the ministry'), before the sentence ends."""
        verb = self._word_after_closing_mark(content)
        if (verb is None or not is_speech_verb(verb) or verb.tag_ not in ("VBD", "VBN", "VBZ")
                or self.quoted(verb)):
            return None
        after = self.doc[verb.i + 1 : min(self.index.sentence(verb.i).end, verb.i + 1 + MAX_INVERTED_SPEAKER_WORDS)]
        for ent in self.index.ents_within(after):  # not Span.ents, which walks all the Doc's entities
            if (ent.label_ == "PERSON" and not prepositional_object_name(ent, self.referents.title_ends)) or (ent.label_ == "ORG" and ent.start <= verb.i + 2):
                return _Attribution((ent,), verb, frozenset())
        return None

    def _according_to(self, sentences: Sequence[Span]) -> tuple[Span, ...]:
        """The source named by "according to X" in `sentences`."""
        for sentence in sentences:
            for token in sentence:
                if token.lower_ != "according" or self.quoted(token):
                    continue
                for pobj in (grand for child in token.children for grand in child.children):
                    if pobj.dep_ == "pobj" and (ent := self.referents.entity(pobj)) is not None:
                        return (ent,)
        return ()

    def _nearby_cue(self, content: Span) -> _Attribution:
        """The nearest speech verb with a speaker around a quotation that stands alone."""
        first = max(self.referents.sentence_index(content[0]) - 1, 0)
        last = min(self.referents.sentence_index(content[-1]) + 1, len(self.sentences) - 1)
        cues = [
            token
            for sentence in self.sentences[first : last + 1]
            for token in sentence
            if token.pos_ == "VERB"
            and is_speech_verb(token)
            and not self.quoted(token)
            and self.referents.same_line(token, content[0])
        ]
        cues.sort(key=lambda cue: _distance(cue, content))
        for cue in cues:
            speakers = self.speakers(cue)
            if speakers:
                return _Attribution(speakers, cue, frozenset())
        return NO_ATTRIBUTION

    def _continues(self, index: int, attributions: list[_Attribution]) -> bool:
        """Whether quotation `index + 1` goes on with quotation `index` (`attributions`: each
        quotation's): the first runs on from a paragraph it left open, or an attribution comes
        between them; not when the first ends its sentence ('... to Turkey." McGurk later
        wrote, "The SDF ...').
        """
        if index in self.index.quotations_running_on:
            return True
        first, second = self.spans[index], self.spans[index + 1]
        first_attribution, second_attribution = attributions[index], attributions[index + 1]
        cue = first_attribution.cue
        if cue is None or not first.end <= cue.i < second.start:
            return False
        if first[-1].text in SENTENCE_ENDS:
            return False
        if not self.referents.same_line(first[0], second[0]):
            return False
        gap = self.doc[first.end : second.start]
        if sum(not token.is_punct for token in gap) > MAX_INTERRUPTION_WORDS:
            return False
        if second_attribution.cue is not None and second_attribution.cue != cue:
            return False
        return all(first.end <= anchor < second.start for anchor in second_attribution.anchors)

    def direct(self) -> Iterator[Quotation]:
        """Direct quotations with an identified speaker, in text order."""
        spans = self.spans
        attributions = [self.attribute(span) for span in spans]
        index = 0
        while index < len(spans):
            pieces = [spans[index]]
            attribution = attributions[index]
            while index + 1 < len(spans) and self._continues(index, attributions):
                index += 1
                pieces.append(spans[index])
                if not attribution.speakers:
                    attribution = attributions[index]  # '"... \n\n"...," she said.'
            index += 1
            if not attribution.speakers:
                continue
            anchor = attribution.cue if attribution.cue is not None else pieces[0][0]
            yield Quotation(
                speakers=attribution.speakers,
                cue=attribution.cue,
                pieces=tuple(pieces),
                text=" ".join(piece.text for piece in pieces),
                kind="direct",
                sentence=self.referents.sentence(anchor),
            )

    def indirect(self) -> Iterator[Quotation]:
        """Reported speech: "X said (that) ...", "According to X, ...", in text order."""
        words = DocWords.of(self.doc)
        for i in DocWords.positions(words.with_pos(*(POS_IDS[pos] for pos in clauses.VERB_POS))):
            token = self.doc[i]
            reporting = token.pos_ == "VERB" and token.lemma_ in gazetteers.reporting_verbs()
            # only a reporting verb or a sentence's root can report speech (asked first: it is cheaper)
            if (not reporting and token.dep_ != "ROOT") or self.quoted(token) or clauses.is_negated(token):
                continue
            if reporting:
                clause_heads = self._reported_clause(token)
                unmarked = clause_taken_for_object(token)
                speakers = self.speakers(token) if clause_heads or unmarked else ()
                cue: Token | None = token
                speaker = None if clause_heads or unmarked else inverted_speaker(token)
                if speaker is not None and (ent := self.referents.entity(speaker)) is not None:
                    # the statement is the clause the verb follows; the verb's own words are no part of it
                    clause_heads, speakers = [token.head], (ent,)
                    unmarked = [tok for tok in clauses.clause_tokens(clause_heads) if tok.i < token.i - 1]
                elif not clause_heads and not unmarked and (parenthetical := parenthetical_statement(token)):
                    clause_heads, speakers, unmarked = [token.head], self.speakers(token), parenthetical
            else:
                clause_heads, speakers, cue = [token], self._leading_according_to(self.referents.sentence(token)), None
                unmarked = None
            if not speakers:
                continue
            sentence = self.referents.sentence(token)
            tokens = [
                tok
                for tok in (unmarked or self._unquoted_parts(clause_heads))
                if self.referents.same_line(tok, token) and (cue is not None or tok.i > sentence[0].right_edge.i)
            ]
            tokens = _without_other_speech(tokens)
            if len(tokens) < MIN_CLAUSE_TOKENS or self._mostly_quoted(tokens):
                continue
            yield Quotation(
                speakers=speakers,
                cue=cue,
                pieces=(self.doc[tokens[0].i : tokens[-1].i + 1],),
                text=clauses.tokens_text(tokens),
                kind="indirect",
                sentence=sentence,
            )

    def _mostly_quoted(self, tokens: Iterable[Token]) -> bool:
        """Whether quotation marks hold enough of these words that a quotation reports them."""
        words = [token for token in tokens if not token.is_punct]
        return sum(self.quoted(token) for token in words) >= QUOTED_SHARE_TO_DEFER * len(words)

    def _unquoted_parts(self, heads: Sequence[Token]) -> list[Token]:
        """The statement of the reported clause(s) headed by `heads`, without a conjoined "that"
        clause that is mostly a quotation, which is left to the quotation ("underlined they keep
        channels to Turkey open and that he would be "very-very happy if ..."")."""
        parts = [*heads, *(conj for head in heads for conj in head.children
                           if conj.dep_ == "conj" and _is_that_clause(conj))]
        quoted = {part.i for part in parts[1:] if self._mostly_quoted(part.subtree)}
        if not quoted:
            return clauses.clause_tokens(heads)
        left_out = {token.i for part in parts if part.i in quoted for token in part.subtree}
        tokens = [token for token in clauses.clause_tokens([head for head in heads if head.i not in quoted])
                  if token.i not in left_out]
        while tokens and (tokens[-1].dep_ == "cc" or (tokens[-1].is_punct and not tokens[-1].is_quote)):
            tokens.pop()
        return tokens

    def _reported_clause(self, verb: Token) -> list[Token]:
        """Heads of the unquoted clause complement(s) of a speech verb.

        Complements after the verb (with any conjoined "and that ..." clause, or hung from
        its statement noun: "said in a report that ..."), else the last one before it ("The
        plan will fail, he said").
        """
        candidates = [
            child
            for child in (*verb.children, *_statement_clauses(verb))
            if (child.dep_ == "ccomp" or child.head != verb or (child.dep_ == "conj" and _is_that_clause(child)))
            and not self.quoted(child)
            and not clauses.is_infinitive(child)  # "found it to be unlawful" reports no statement
            and self.referents.same_line(child, verb)
        ]
        after = [child for child in candidates if child.i > verb.i]
        if any(child.dep_ != "conj" for child in after):
            return after
        return [child for child in candidates if child.dep_ != "conj" and not self._sentence_break_between(child, verb)][-1:]

    def _sentence_break_between(self, clause: Token, verb: Token) -> bool:
        """Whether a semicolon or colon outside quotation marks parts a clause from the speech
        verb after it: "Smith called it an "interesting" case; Miller said "..."" reports
        nothing of Smith's for Miller."""
        return any(token.text in CLAUSE_BREAKS and not self.quoted(token)
                   for token in self.doc[clause.right_edge.i + 1 : verb.i])

    def _leading_according_to(self, sentence: Span) -> tuple[Span, ...]:
        """The source of a sentence opening "According to X, ..." that quotes no one else (a
        possessive's apostrophe, "Workers' Party", is no quotation mark; a speech participle
        that only qualifies a noun, "the confirmed deaths", quotes no one)."""
        if sentence[0].lower_ != "according":
            return ()
        for token in sentence:
            if self.quoted(token) or (token.is_quote and token.tag_ != "POS") or (
                    token.pos_ == "VERB" and token.lemma_ in gazetteers.speech_verbs() and token.dep_ != "amod"):
                return ()
        return self._according_to([sentence])

    def quotations(self) -> list[Quotation]:
        """Direct and indirect quotations, in text order."""
        found = [*self.direct(), *self.indirect()]
        found.sort(key=lambda quotation: quotation.pieces[0].start)
        return found


def quotations(doc: Doc) -> list[Quotation]:
    """Direct and indirect quotations of `doc`, in text order."""
    return QuotationFinder(doc).quotations()


def quotation_facts(doc: Doc, quotation: Quotation, with_indirect: bool = True) -> list[SpanFact]:
    """The `said` facts of one quotation, one per speaker: the object is the quotation's
    content span (from the first piece to the last for an interrupted quotation, whose
    joined text is `object_text`), the sentence is the one that attributes it, `kind` is
    "indirect" for reported speech."""
    if quotation.kind == "indirect" and not with_indirect:
        return []
    first, last = quotation.pieces[0], quotation.pieces[-1]
    content = doc[first.start : last.end]
    date = None
    if quotation.cue is not None:
        dates = [ent for ent in DocIndex.of(doc).ents_within(quotation.sentence) if ent.label_ in DATE_LABELS]
        date = clause_date(quotation.cue, dates, doc._.kg_article_date, skip=content)
    return [
        SpanFact(
            subject=speaker,
            relation="said",
            sentence=quotation.sentence,
            object=content,
            object_type="Quote",
            object_text=None if quotation.text == content.text else quotation.text,
            kind="indirect" if quotation.kind == "indirect" else None,
            date=date,
        )
        for speaker in quotation.speakers
    ]


def said_facts(doc: Doc, with_indirect: bool = True) -> list[SpanFact]:
    """The `said` facts of every quotation of `doc`, in text order."""
    return [
        fact
        for quotation in QuotationFinder.of(doc).quotations()
        for fact in quotation_facts(doc, quotation, with_indirect)
    ]
