"""Which named entity a token stands for: a name, a pronoun, a relative pronoun, a head noun.

`Referents(doc).entity(token)` answers for the subject or object of a clause:
- a token inside a named entity -> that entity;
- a third-person pronoun ("he", "she", "it", "they") -> its antecedent: the latest
  entity of a fitting label that is a subject earlier in the pronoun's sentence, else the
  latest subject of a main clause in the sentences before (news keeps its protagonist
  there), else the latest that is any subject, else (for "he" and "she" only) the latest
  fitting entity at all; a few sentences back at most, never one inside a quotation. A
  subject pronoun of the same form nearer than any such entity passes on its own
  antecedent, so a protagonist carried by "he ... He ... he" stays found;
- a relative pronoun ("who", "which") -> whatever the noun it modifies stands for;
- a title noun ("the president of the league, Jamel Msallem, said"; "Former US Ambassador
  to the United Nations Nikki Haley wrote") -> the person its phrase names, never the place
  or organisation in front of it (the US is not the ambassador); "the minister" alone -> the
  latest person named with that title;
- a common noun with the name beside it ("the second largest party, Labour"; "the MN.IT
  statement") -> that name, and a statement noun its owner ("the court's summary");
- a place noun with its name ("the city of Milwaukee", "the state of Wisconsin") -> that place;
- a definite description ("the court", "the commission") -> the latest organisation or place
  named before it with that word as the head of its name ("the Court of Session").
One Referents per Doc (`DocIndex.referents`) serves every extractor.
Conjuncts are not followed here; callers expand "Barr and Ross" themselves.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache

from spacy.symbols import PRON
from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.extensions import doc_text
from kgnews.nlp.extract.docwords import DocWords
from kgnews.nlp.extract.clauses import prepositional_objects

# Labels of entities that act and speak. NORP only for parties ("Democrats"), see below.
AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Relative pronouns that stand for a person only.
PERSONAL_RELATIVE_PRONOUNS = frozenset({"who", "whom"})
PLURAL_PRONOUNS = frozenset({"they", "them", "themselves"})
# Third-person pronouns that tell a person's gender.
PRONOUN_FORMS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
# Pronoun-like subjects that name a group: "Some of the protesters said they ...".
GROUP_QUANTIFIERS = frozenset({"some", "many", "most", "several", "both", "all", "others", "few"})
# How many sentences before the pronoun's own an antecedent may be.
ANTECEDENT_WINDOW = 3


@lru_cache(maxsize=None)
def title_words() -> frozenset[str]:
    """Lower-cased last words of the titles that name a post ("minister", "ambassador")."""
    return frozenset(title.surface.split()[-1].lower() for title in gazetteers.titles() if title.role)


@lru_cache(maxsize=None)
def _party_forms() -> frozenset[str]:
    return frozenset(gazetteers.party_names())


def prepositional_place(token: Token, prepositions: str | Collection[str],
                        entity_of: Callable[[Token], Span | None]) -> Span | None:
    """The place a prepositional phrase of `token` names: "the city of Milwaukee", "based in
    Virginia", "in the province of Banten" (`entity_of` gives the named entity holding a token)."""
    prepositions = {prepositions} if isinstance(prepositions, str) else prepositions
    return next((ent for obj in prepositional_objects(token, prepositions)
                 if (ent := named_place(obj, entity_of)) is not None), None)


def named_place(noun: Token, entity_of: Callable[[Token], Span | None]) -> Span | None:
    """The place `noun` names: its own entity, or the one the "of" phrase of a place noun that
    names no larger place gives ("the (Polish) city of Gdańsk" names Gdańsk; data/place_nouns.tsv)."""
    ent = entity_of(noun)
    if ent is None and gazetteers.place_nouns().get(noun.lower_) is False:
        ent = next((entity_of(obj) for obj in prepositional_objects(noun, ("of",))), None)
    return ent if ent is not None and ent.label_ in PLACE_LABELS else None


def prepositional_object_name(ent: Span, title_ends: Mapping[int, int]) -> bool:
    """Whether a name is the object of a preposition, with nothing before it there but
    determiners and its own titles: "an aide to (Sen.) John Smith" is not John Smith, while in
    "Mayor of London Sadiq Khan" the object holds the place first (`title_ends` maps the start
    of each title in the Doc to its end, so "Secretary of State Mike Pompeo", whose title
    starts before the preposition, stays Pompeo's)."""
    if ent.root.dep_ != "pobj":
        return False
    position = ent.root.left_edge.i
    while position < ent.start:
        token = ent.doc[position]
        if position in title_ends:
            position = title_ends[position]
        elif token.dep_ == "det" or token.is_punct:
            position += 1
        else:
            return False
    return True


def _in_noun_phrase(token: Token, head: Token) -> bool:
    """Whether `token` hangs from `head` with no verb between them: the name ending "The mayor
    of Paris, Anne Hidalgo" does, the one ending "The aide, who once advised Hillary Clinton"
    is in a clause of its own."""
    while token != head:
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            return False
        token = token.head
    return True


def is_agent_entity(ent: Span) -> bool:
    """A named entity that can act or speak: a person, organisation, place or party."""
    return ent.label_ in AGENT_LABELS or (ent.label_ == "NORP" and ent.text in _party_forms())


def _subject_rank(token: Token) -> int:
    """2 for the subject of a sentence's main verb, 1 for another subject, 0 otherwise."""
    while token.dep_ in ("appos", "conj", "compound") and token.head != token:
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return 0
    verb = token.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return 2 if verb.dep_ == "ROOT" else 1


class Referents:
    """Entity lookup for the tokens of one Doc, with pronouns resolved."""

    def __init__(self, doc: Doc, quotations: Sequence[Span] = (), title_ends: Mapping[int, int] | None = None) -> None:
        self.doc = doc
        self.title_ends = title_ends or {}  # start of each title in the Doc -> its end
        self.sentences = list(doc.sents)
        self._sentence_starts = [sent.start for sent in self.sentences]
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", doc_text(doc)))]
        self._entity_of: dict[int, Span] = {}
        self.dates: dict[int, list[Span]] = {}  # sentence index -> its DATE / TIME entities
        ents = doc.ents
        for ent in ents:
            for index in range(ent.start, ent.end):
                self._entity_of[index] = ent
            if ent.label_ in ("DATE", "TIME"):
                self.dates.setdefault(self.sentence_index(ent[0]), []).append(ent)
        quoted = set()
        for span in quotations:
            quoted.update(range(span.start, span.end))
        self._quoted = quoted
        # Candidate antecedents in text order: (token index of the root, entity, subject rank).
        self._mentions = [
            (ent.root.i, ent, _subject_rank(ent.root))
            for ent in ents
            if is_agent_entity(ent) and ent.root.i not in quoted
        ]
        self._mention_index = [mention[0] for mention in self._mentions]
        # Subject pronouns outside quotations, in text order: (token index, subject rank). One
        # that is the nearest subject before a pronoun of the same form hands it its antecedent
        # ("Mitsotakis reaffirmed ... he said ... He also commented ... He also noted").
        words = DocWords.of(doc)
        pronouns = (doc[i] for i in DocWords.positions(words.with_pos(PRON) & words.with_lower(gazetteers.pronoun_labels())))
        self._subject_pronouns = [
            (token.i, _subject_rank(token)) for token in pronouns if token.dep_ in SUBJECT_DEPS and token.i not in quoted
        ]
        self._subject_pronoun_index = [index for index, _ in self._subject_pronouns]
        self._chained: dict[int, Span | None] | None = None
        self._genders: dict[str, str] | None = None

    def sentence_index(self, token: Token) -> int:
        return bisect.bisect_right(self._sentence_starts, token.i) - 1

    def sentence(self, token: Token) -> Span:
        """The sentence of `token` (without the cost of `token.sent`)."""
        return self.sentences[self.sentence_index(token)]

    def named_entity(self, token: Token) -> Span | None:
        """The named entity of any label `token` is part of."""
        return self._entity_of.get(token.i)

    def line(self, token: Token) -> int:
        """Index of the line (paragraph) `token` is on."""
        return bisect.bisect_right(self._line_starts, token.idx) - 1

    def same_line(self, first: Token, second: Token) -> bool:
        """Whether two tokens share a paragraph (the parser may link across paragraphs)."""
        return self.line(first) == self.line(second)

    def entity(self, token: Token) -> Span | None:
        """The agent entity `token` names or stands for, or None."""
        ent = self._entity_of.get(token.i)
        if ent is not None and is_agent_entity(ent):
            return ent
        if ent is not None and ent.label_ == "NORP":
            return None  # "Iranian", "Democratic": a nationality or adjective names no agent
        lower = token.lower_
        if token.pos_ == "PRON" and lower in gazetteers.pronoun_labels() and token.dep_ != "poss":
            return self.antecedent(token)
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if antecedent == token:
                return None
            return self.entity(self._person_before(antecedent) if lower in PERSONAL_RELATIVE_PRONOUNS else antecedent)
        if token.pos_ == "NOUN" and gazetteers.place_nouns().get(lower) is False and (
                place := prepositional_place(token, "of", self.named_entity)):
            return place  # "the state of Wisconsin held elections" ("State" also ends a title)
        if lower in gazetteers.partitive_nouns():  # "Part of the judge's statement reads": the statement's
            whole = next(prepositional_objects(token, ("of",)), None)
            return self.entity(whole) if whole is not None else None
        speaks_for = token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in gazetteers.statement_nouns()
        if token.pos_ in ("NOUN", "PROPN") and (lower in title_words() or token.lemma_.lower() in title_words()):
            # a spokesperson speaks for the organisation named in front too: "A Hampshire Police
            # spokesman said" (unlike "an SNP candidate", who is only a member)
            return self._titled_person(token) or (
                self._owner(token) or self._named_agent(token, "compound", unless=("PERSON",)) if speaks_for else None)
        if token.pos_ in ("NUM", "PRON"):
            # "One of these groups, the Syrian Democratic Forces (SDF), opposed ..."
            return self._named_agent(token, "appos")
        if token.pos_ in ("NOUN", "PROPN"):
            # "the second largest party, Labour," before "the MN.IT statement"; but "an SNP
            # candidate" is a member, not the party
            indefinite = any(child.dep_ == "det" and child.lower_ in ("a", "an") for child in token.children)
            if speaks_for and (found := self._owner(token)) is not None:
                return found  # "the court's summary concluded": the court speaks
            named = (self._named_agent(token, "appos") or self._titled_in_apposition(token)
                     or self._named_by_participle(token))
            if named is None and not indefinite:
                named = self._named_agent(token, "compound", unless=("PERSON", "GPE"))
            if named is not None:
                return named
            if token.pos_ == "NOUN" and token.is_lower and any(
                child.dep_ == "det" and child.lower_ == "the" for child in token.children
            ):
                return self.described(token)
        return None

    def _person_before(self, noun: Token) -> Token:
        """The person a "who" clause the parser hung from a place or organisation after them is
        said of: "won by Rai Benjamin from the United States, who finished the race"."""
        named = self._entity_of.get(noun.i)
        if noun.dep_ != "pobj" or named is None or named.label_ == "PERSON":
            return noun
        preposition = noun.head  # the name right before it, wherever the parser hung the preposition
        person = self._entity_of.get(preposition.i - 1) if preposition.i > 0 else None
        return person.root if person is not None and person.label_ == "PERSON" else noun

    def _named_agent(self, token: Token, dep: str, unless: Collection[str] = ()) -> Span | None:
        """The first agent entity, not labelled one of `unless`, among `token`'s children of
        dependency `dep`."""
        for child in token.children:
            named = self._entity_of.get(child.i) if child.dep_ == dep else None
            if named is not None and is_agent_entity(named) and named.label_ not in unless:
                return named
        return None

    def _titled_in_apposition(self, noun: Token) -> Span | None:
        """The person a title in apposition names: "National LGBT news source Daily Xtra's
        editorial director, Rachel Giese, said" is Rachel Giese speaking, not the news source."""
        return next((named for child in noun.children
                     if child.dep_ == "appos" and child.pos_ == "NOUN" and child.lower_ in title_words()
                     and (named := self._titled_person(child)) is not None), None)

    def _named_by_participle(self, noun: Token) -> Span | None:
        """The name a participle after a description gives: "A university student named Wong
        said", "a protester using the pseudonym Katya" (data/naming_words.tsv)."""
        for participle in noun.children:
            if participle.dep_ != "acl" or participle.tag_ not in ("VBN", "VBG"):
                continue
            objects = [child for child in participle.children if child.dep_ in ("oprd", "attr", "dobj", "appos")]
            objects += [grand for child in participle.children if child.dep_ == "prep" and child.lower_ == "as"
                        for grand in child.children if grand.dep_ == "pobj"]
            for named in objects:
                if participle.lemma_ in gazetteers.naming_words()["verb"] or (
                        named.pos_ == "NOUN" and named.lemma_.lower() in gazetteers.naming_words()["noun"]):
                    found = self._entity_of.get(named.i) or self._named_agent(named, "appos")
                    if found is not None and is_agent_entity(found):
                        return found
        return None

    def _owner(self, noun: Token) -> Span | None:
        """Who speaks through a statement noun or a spokesperson: the possessor ("the court's
        summary"), the agent of its "for" / "from" / "of" / "by" phrase ("a spokesperson for
        the White House", "a statement from the ministry", "a tweet on Monday by Mike Pompeo"),
        the agent of the participle that issued it ("a statement released by Erdogan's
        office", not "a letter obtained by CNN"), or who put the statement out ("They released a statement which said";
        data/issuing_verbs.tsv)."""
        owner = next((child for child in noun.children if child.dep_ == "poss"), None)
        if owner is not None:  # "its press release", "his statement": the pronoun's antecedent
            return self.antecedent(owner) if owner.pos_ == "PRON" else self.entity(owner)
        named = next((named for obj in prepositional_objects(noun, ("for", "from", "of", "by"))
                      if (named := self._entity_of.get(obj.i)) is not None and is_agent_entity(named)), None)
        issuer = next((agent for participle in noun.children
                       if participle.dep_ == "acl" and participle.lemma_ in gazetteers.issuing_verbs()
                       for agent in prepositional_objects(participle, ("by",), ("agent",))), None)
        if named is None and issuer is not None:
            return self.entity(issuer)
        if named is None and noun.dep_ == "dobj" and noun.head.lemma_ in gazetteers.issuing_verbs():
            issuer = next((child for child in noun.head.children if child.dep_ == "nsubj"), None)
            return self.entity(issuer) if issuer is not None else None
        return named

    def _titled_person(self, title: Token) -> Span | None:
        """The person a title noun's phrase names: in apposition, or the name that ends the
        phrase, before the comma closing an apposition (the parser often hangs "... to the
        United Nations Nikki Haley" off the title, and "Anne Hidalgo" in "The mayor of Paris,
        Anne Hidalgo, wrote" off Paris)."""
        for child in title.children:
            named = self._entity_of.get(child.i) if child.dep_ == "appos" else None
            if named is not None and named.label_ == "PERSON":
                return named
        end = title.right_edge.i
        while end > title.i and self.doc[end].is_punct:
            end -= 1
        named = self._entity_of.get(end)
        if (named is not None and named.label_ == "PERSON" and named.start > title.i
                and _in_noun_phrase(named.root, title) and not prepositional_object_name(named, self.title_ends)):
            return named
        if any(child.dep_ == "det" and child.lower_ == "the" for child in title.children):
            return self._titled_before(title)
        return None

    def _titled_before(self, title: Token) -> Span | None:
        """"the minister said": the latest person named before with that title word right in
        front of the name ("economic development minister Stefano Patuanelli") or in
        apposition to it ("Jamel Msallem, the president of the league")."""
        word = title.lemma_.lower()
        for position in range(bisect.bisect_left(self._mention_index, title.i) - 1, -1, -1):
            ent = self._mentions[position][1]
            if ent.label_ != "PERSON":
                continue
            before = self.doc[max(ent.start - 2, 0) : ent.start]
            if any(token.lemma_.lower() == word for token in before) or any(
                child.dep_ == "appos" and child.lemma_.lower() == word for child in ent.root.children
            ):
                return ent
        return None

    def described(self, noun: Token) -> Span | None:
        """The organisation or place a common noun stands for ("the court", "the committee's
        chair", "committee chairman X"): the latest one named before it, outside quotations,
        whose name has that noun as its head ("the Court of Session", "the House Judiciary
        Committee"), passing over one only named as a predicate ("The Court of Session is the
        highest civil court in Scotland. The only court with higher authority is the Supreme
        Court. The court had been petitioned by ..." is the Court of Session)."""
        if not (noun.pos_ == "NOUN" and noun.is_lower):
            return None
        word = noun.lower_
        latest = None
        for position in range(bisect.bisect_left(self._mention_index, noun.i) - 1, -1, -1):
            ent = self._mentions[position][1]
            if ent.label_ in ("ORG", "GPE") and ent.root.lower_ == word:
                if ent.root.dep_ != "attr":
                    return ent
                latest = latest or ent
        return latest

    def antecedent(self, pronoun: Token) -> Span | None:
        """The entity a third-person pronoun refers to, or None."""
        if self._chained is None:
            # resolved in text order, so that each subject pronoun finds those before it resolved
            self._chained = {}
            for index, _ in self._subject_pronouns:
                self._chained[index] = self._resolve(self.doc[index])
        if pronoun.i in self._chained:
            return self._chained[pronoun.i]
        return self._resolve(pronoun)

    def _resolve(self, pronoun: Token) -> Span | None:
        labels = gazetteers.pronoun_labels().get(pronoun.lower_)
        if not labels:
            return None
        first_sentence = max(self.sentence_index(pronoun) - ANTECEDENT_WINDOW, 0)
        earliest = self._sentence_starts[first_sentence]
        own_sentence_start = self._sentence_starts[self.sentence_index(pronoun)]
        if "PERSON" not in labels and self._unnamed_plural_subject(pronoun, own_sentence_start):
            return None
        chain = self._chain_before(pronoun, earliest, own_sentence_start)
        end = bisect.bisect_left(self._mention_index, pronoun.i)
        paragraph_start = self._line_starts[self.line(pronoun)]
        best: tuple[int, Span] | None = None
        for position in range(end - 1, -1, -1):
            index, ent, rank = self._mentions[position]
            if index < earliest:
                break
            if ent.label_ not in labels or ent.start <= pronoun.i < ent.end or not self._may_be(ent, pronoun):
                continue
            if best is not None and best[0] and self.doc[index].idx < paragraph_start:
                break  # a subject in the pronoun's paragraph before a main subject of an earlier one
            if rank == 2 or (rank and index >= own_sentence_start):
                return ent if chain is None or index > chain[0] else chain[1]
            if best is None or rank > best[0]:
                best = (rank, ent)
        if chain is not None:
            return chain[1]
        if best is None or (best[0] == 0 and "PERSON" not in labels):
            return None  # "it" / "they" stand for an organisation only when it was a subject
        return best[1]

    def _may_be(self, person: Span, pronoun: Token) -> bool:
        """Whether the article may refer to `person` by `pronoun`: "she" is never a man the
        article calls "he" or "Mr."."""
        gender = gazetteers.gendered_words().get(pronoun.lower_)
        if gender is None or person.label_ != "PERSON":
            return True
        if self._genders is None:
            self._genders = self._person_genders()
        return self._genders.get(person[-1].lower_, gender) == gender

    def _person_genders(self) -> dict[str, str]:
        """Surname -> "f" / "m" where the article tells, by the word right before a name (or
        before its comma) or in apposition to it ("Mrs.", "Queen", "his wife, Mary"), by the given
        name of a full name (data/given_name_genders.tsv: "Elizabeth Warren") or by the subject
        pronouns of a sentence whose only person is its main subject ("Spanton said she ...");
        a surname told both ways is left out."""
        gendered = gazetteers.gendered_words()
        votes: dict[str, set[str]] = {}
        persons = [ent for ent in self.doc.ents if ent.label_ == "PERSON"]
        by_sentence: dict[int, list[Span]] = {}  # one pass: Span.ents walks all the Doc's entities
        for ent in persons:
            by_sentence.setdefault(self.sentence_index(ent[0]), []).append(ent)
        for ent in persons:
            words = [word.lower_] if (word := _word_said_of(ent)) is not None else []
            words += [child.lower_ for child in ent.root.children if child.dep_ == "appos"]
            words += [token.lower_ for token in ent[:-1]]
            told = {gendered[word] for word in words if word in gendered and word not in PRONOUN_FORMS}
            if len(ent) > 1 and (gender := gazetteers.given_name_genders().get(ent[0].lower_)) is not None:
                told.add(gender)  # "Elizabeth Warren": not "Warren" alone, a given name of the other gender
            votes.setdefault(ent[-1].lower_, set()).update(told)
        for number, people in by_sentence.items():
            sentence = self.sentences[number]
            surnames = {ent[-1].lower_ for ent in people}
            if len(surnames) != 1 or _subject_rank(people[0].root) != 2:
                continue
            told = {gendered[token.lower_] for token in sentence if token.lower_ in PRONOUN_FORMS
                    and token.dep_ in SUBJECT_DEPS and token.i > people[0].end and token.i not in self._quoted
                    and _in_main_clause(token)}
            votes[surnames.pop()].update(told)
        return {surname: told.pop() for surname, told in votes.items() if len(told) == 1}

    def _unnamed_plural_subject(self, pronoun: Token, sentence_start: int) -> bool:
        """Whether "they" follows, in its sentence, a main subject that is a group named by no
        entity ("Some of the protesters Wikinews interviewed said they ...", "Officials said
        they ..."): the pronoun is that group, not an organisation named before."""
        if pronoun.lower_ not in PLURAL_PRONOUNS:
            return False
        return any(
            token.dep_ in SUBJECT_DEPS and _subject_rank(token) == 2 and self._entity_of.get(token.i) is None
            and (token.tag_ in ("NNS", "NNPS") or token.lower_ in GROUP_QUANTIFIERS)
            for token in self.doc[sentence_start : pronoun.i]
        )

    def _chain_before(self, pronoun: Token, earliest: int, own_sentence_start: int) -> tuple[int, Span] | None:
        """(index, antecedent) of the nearest subject pronoun of the same form before `pronoun`
        that would itself count as an antecedent (a main subject, or any subject in its sentence)."""
        chained = self._chained or {}
        for position in range(bisect.bisect_left(self._subject_pronoun_index, pronoun.i) - 1, -1, -1):
            index, rank = self._subject_pronouns[position]
            if index < earliest:
                return None
            if self.doc[index].lower_ == pronoun.lower_ and (rank == 2 or (rank and index >= own_sentence_start)):
                found = chained.get(index)
                return (index, found) if found is not None else None
        return None


def _word_said_of(person: Span) -> Token | None:
    """The word right before a name that says what the person is ("Mrs. Spanton"), or before
    its comma where the name is in apposition to it ("his mother, Charlotte Charles"); not the
    last word of a phrase of its own ("Standing beside his wife, Barack Obama waved")."""
    if person.start == 0:
        return None
    before = person.doc[person.start - 1]
    if before.text != ",":
        return before
    if person.start < 2:
        return None
    word = person.doc[person.start - 2]
    root = person.root
    return word if (root.dep_ == "appos" and root.head == word) or (word.dep_ == "appos" and word.head == root) else None


def _in_main_clause(token: Token) -> bool:
    """Whether `token` belongs to its sentence's main clause or one conjoined to it ("Quirin
    denied it, but he later claimed ..."), not to a clause it reports or embeds ("Trump said she
    had lied": "she" is someone else)."""
    verb = token.head
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ == "ROOT"

