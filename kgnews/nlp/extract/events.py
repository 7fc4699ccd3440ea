"""Events: who did what to what, as verb-lemma relations over a parsed Doc.

An event is a verb with a named agent and a theme: "Kurt Daudt threatened to call for
Dayton's resignation" is (Kurt Daudt, threaten, "call for Dayton's resignation").
- The agent is the verb's subject, the "by" agent of a passive, or the doer inherited by a
  participle, infinitive or conjoined verb; it must be a named entity (a person,
  organisation, place or party), or a pronoun or relative pronoun that stands for one.
- The theme is the direct object (for a passive, its subject), else the infinitive the
  verb introduces ("agreed to support ..."), else the object of a theme preposition
  ("commented on party disparity"), else a clause complement; an entity when it is one,
  otherwise a short phrase.
- Aspectual verbs hand the event to their infinitive ("went on to start a law practice"
  is "start"). Copulas, light verbs without a theme, and "say" are no events; speech
  verbs give events only for a nominal object ("told the press"), their clauses being
  quotations.
- Negated actions are kept with `negated=True`; unrealised ones ("would drop", "failed to
  obtain"), actions inside quotations and actions in reported speech ("Murphy claimed she
  made this decision": the said fact states it) are left out.
- A verb whose result is a death ("shot to death", "fatally stabbed", "shot dead") also
  gives a "kill" event.
- A relative clause said of a named doer acts for it: "X was the gunman who killed Y",
  "X, the man who murdered Y".
- Nouns of data/event_nouns.tsv state events without a verb: "Lincoln's assassin, John
  Wilkes Booth" and "the assassination of Y by X" are (X, assassinate, Y).
The date is an explicit date of the sentence, else a relative one resolved against the
article date.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from kgnews.nlp import gazetteers
from kgnews.nlp.extract import clauses
from kgnews.nlp.extract.coref import RELATIVE_PRONOUNS, is_agent_entity
from kgnews.nlp.extract.dates import DATE_LABELS, clause_date
from kgnews.nlp.extract.headlines import headline
from kgnews.nlp.extract.names import LABEL_TYPES
from kgnews.nlp.extract.parse import DocIndex
from kgnews.nlp.extract.quotes import QuotationFinder, clause_taken_for_object, inverted_speaker
from kgnews.nlp.spanfacts import SpanFact


# Particles of phrasal verbs whose own preposition names the object ("drop out of", "back away from").
PARTICLES = frozenset({"out", "off", "away", "back", "down"})
# Beside the theme prepositions, those a particle's object takes: "out of", "away from", "down as".
PARTICLE_OBJECT_PREPOSITIONS = frozenset({"of", "from", "as"})
# Dependencies between a verb and the reported clause it belongs to: "Pierluisi stated he would
# leave if the Senate voted against confirming him" reports "voted" (advcl) and "confirming"
# (pcomp of "against", a prep of "voted") too.
REPORTED_PATH_DEPS = frozenset({"ccomp", "conj", "xcomp", "advcl", "pcomp", "prep"})
ALTERNATIVES = frozenset({"or", "nor"})
PARTITIVES = frozenset({"of", "out"})
PARTNER_PREPOSITIONS = frozenset({"with", "to"})
GOAL_PREPOSITION = "to"
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Entities "on" which a speech verb is addressed rather than published: "called on Italy to join".
ADDRESSEE_LABELS = frozenset({"PERSON", "GPE", "NORP"})


# Entity labels of names: a word inside one is no verb of the sentence ("Salling Group", "Just don't tell anyone").
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


# A line opening a turn of an interview transcript: "((WN)) What do your parents do?", "((Zara Kay)) ...".
INTERVIEW_TURN = re.compile(r"^\(\([^()\n]{1,40}\)\)", re.MULTILINE)


class Event(NamedTuple):
    agent: Span  # entity span
    relation: str  # the verb's lemma
    verb: Token  # the verb, or the noun of a nominal event ("assassination")
    object: Span  # entity span or phrase span
    object_type: str  # Person | Organization | Place | Phrase
    object_text: str | None  # the phrase when it is not the object span's text
    negated: bool
    date: str | None
    sentence: Span


def _results_in_death(verb: Token) -> bool:
    """"shot to death", "fatally stabbed", "shot dead"."""
    for child in verb.children:
        if child.lower_ == "fatally" or (child.lower_ == "dead" and child.dep_ in ("oprd", "acomp", "advmod", "xcomp")):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
                grand.dep_ == "pobj" and grand.lower_ == "death" for grand in child.children):
            return True
    return False


def _event_verb(token: Token, index: DocIndex) -> bool:
    """Whether `token` carries an event of its own (not handed to or from another verb)."""
    if token.pos_ != "VERB" or token.lemma_ in gazetteers.event_stop_lemmas() or token.lemma_ in gazetteers.negating_verbs():
        return False
    if not (token.lemma_.isascii() and token.lemma_.islower()):
        return False  # no English verb: a word of another language ("воспринимать") or a name ("Costa Sur")
    if token.ent_type_ in NAME_LABELS:
        return False  # a word of a name the tagger took for a verb: "Salling" of "Salling Group"
    if not token.whitespace_ and token.i + 1 < len(token.doc) and token.nbor().text in clauses.HYPHENS:
        return False  # the first part of a hyphenated word: "co" of "co-founded"
    if token.lower_ in gazetteers.qualifiers() and _before_title(index, token):
        return False  # "sitting President Donald Trump"
    if clauses.is_transparent(token):
        return False
    if token.lower_ in gazetteers.preposition_participles() and not any(
            child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in token.children):
        return False
    # a bare verb joined to an infinitive is under its "to": "promised to conduct new elections and hold
    # a referendum" promises "hold" too (not "urged the embassy to reconsider and spoke with Pompeo")
    first = _first_conjunct(token) if token.tag_ == "VB" else token
    return not clauses.is_infinitive_complement(first) or clauses.is_transparent(first.head)


def _first_conjunct(verb: Token) -> Token:
    """The first of the verbs `verb` is joined to without a subject of its own, or `verb` itself."""
    while verb.dep_ == "conj" and verb.head.pos_ in clauses.VERB_POS and not any(
            child.dep_ in ("nsubj", "nsubjpass") for child in verb.children):
        verb = verb.head
    return verb


def _before_title(index: DocIndex, token: Token) -> bool:
    """Whether a title follows `token`, past a nationality ("Sitting Tongan Prime Minister")."""
    at = token.i + 1
    if at < len(token.doc) and token.doc[at].text in gazetteers.demonyms():
        at += 1
    return at in index.title_starting_at


def _realised(verb: Token) -> bool:
    """Not modal ("would drop"), no purpose infinitive ("has until May to release plans"),
    and not introduced by a modal aspectual verb ("would go on to ...") or a modal causative
    ("would make the pipeline cross Turkish waters"), nor by an aspectual verb that is itself
    only vowed or agreed to ("vowed to keep fighting", "agreed to continue helping prosecutors")."""
    if clauses.is_infinitive_complement(verb) and clauses.is_transparent(verb.head):
        aspectual = verb.head  # realised as it is, unless it is itself what another verb only vows or agrees to
        return not (clauses.is_infinitive_complement(aspectual) and not clauses.is_transparent(aspectual.head)) \
            and _realised(aspectual)
    if clauses.is_infinitive_complement(verb) or (verb.dep_ == "ccomp" and clauses.small_clause_verb(verb)):
        return not clauses.is_unrealised(verb.head)
    return not clauses.is_unrealised(verb) and not clauses.is_infinitive(verb) and not _conditional(verb)


def _conditional(verb: Token) -> bool:
    """Whether `verb` is the condition of another clause ("if Pakistan defeated India"), itself or
    joined without a subject of its own to one ("if he wins and takes office")."""
    while True:
        if clauses.is_condition(verb):
            return True
        if verb.dep_ != "conj" or any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children):
            return False
        verb = verb.head


def _standing(verb: Token) -> bool:
    """A relative clause in the simple present on a common noun describes what the noun is,
    not what it did: "SARS-CoV-2, the coronavirus that causes COVID-19", "YPG militia which
    support the PKK" (but "Minnesota IT Services, which runs MNsure's website" is said of the
    named doer itself)."""
    if verb.dep_ != "relcl" or verb.head.pos_ != "NOUN" or not any(
            child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in RELATIVE_PRONOUNS for child in verb.children):
        return False
    finite = next((child for child in verb.children if child.dep_ in ("aux", "auxpass")), verb)
    return finite.tag_ in PRESENT_TAGS and (finite is verb or finite.dep_ == "auxpass")


def _reporting_verb(verb: Token) -> Token | None:
    """The reporting verb whose clause `verb` is in ("Murphy claimed she made this decision"),
    up through conjoined, infinitive and adverbial verbs, or None; a time clause the parser hung
    there ("minutes before the Committee voted to refer them, Trump claimed ...") is no report,
    nor is one the writer adds to the reported clause ("announced he would drop his bid, before
    reversing course the next day")."""
    for _ in range(clauses.MAX_INHERIT_DEPTH):
        if verb.dep_ not in REPORTED_PATH_DEPS or _writers_clause(verb) or clauses.reporters_adjunct(verb) is not None:
            return None  # the root is not on the path, nor is the reporter's own participle
        head = verb.head
        if verb.dep_ == "ccomp" and head.pos_ == "VERB" and (
                head.lemma_ in gazetteers.reporting_verbs() or head.lemma_ in gazetteers.attitude_verbs()):
            if any(child.dep_ == "mark" and child.lower_ in clauses.TIME_MARKERS for child in verb.children):
                return None
            return head
        verb = head
    return None


def _writers_clause(verb: Token) -> bool:
    """A clause the writer adds to a reported one rather than the speaker reports: a clause or
    gerund of time or contrast ("after ...", "before reversing course", "while Trump noted ..."),
    or a clause with a subject of its own joined by "and" whose tense is not shifted back to the
    report's ("Sharpe suggested he would not run and Weld has decided to run"; in "... and
    Biden had stolen it" the speaker still speaks)."""
    if verb.dep_ == "advcl":
        return any(child.dep_ == "mark" and child.lower_ in clauses.TIME_MARKERS for child in verb.children)
    if verb.dep_ == "conj":
        return (any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)
                and not any(child.dep_ == "mark" for child in verb.children) and not _backshifted(verb))
    return verb.dep_ == "prep" and verb.lower_ in clauses.TIME_MARKERS


def _backshifted(verb: Token) -> bool:
    """Whether a verb's tense is that of reported speech after a past report: a modal ("would",
    "could") or the past perfect ("had stolen")."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    return any(aux.tag_ == "MD" for aux in auxiliaries) or (
        verb.tag_ == "VBN" and any(aux.lower_ == "had" for aux in auxiliaries))


def _partitive(number: Token, last: Token) -> list[Token]:
    """What a number counts, when the parser hung it off the verb: "tested 7 out of 20
    suspected cases" (the "out of" phrase right after the number)."""
    after = next((child for child in number.head.children
                  if child.dep_ == "prep" and child.i == last.i + 1 and child.lower_ in PARTITIVES), None)
    return clauses.phrase_tokens(after) if after is not None else []


def _negated(verb: Token) -> bool:
    return clauses.is_negated(verb) or (
        (clauses.is_infinitive_complement(verb) or _shares_negation(verb)) and clauses.is_negated(verb.head))


def _shares_negation(verb: Token) -> bool:
    """A verb joined by "or"/"nor" to a negated one, with no subject or auxiliary of its own,
    is negated with it: "did not concede or admit defeat"."""
    if verb.dep_ != "conj":
        return False
    joining = [child for child in verb.head.children if child.dep_ == "cc" and child.i < verb.i]
    return bool(joining) and joining[-1].lower_ in ALTERNATIVES and not any(
        child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in verb.children)


def _prepositional_object(verb: Token, speech: bool) -> Token | None:
    """The object of the first theme preposition after `verb` ("commented on party disparity"),
    or, named, of a partner verb's preposition ("met with the IMF"), or who or where "to" when named: a
    speech verb's addressee ("wrote to the US Embassy"), another verb's goal ("apologized to
    Duterte", "traveled to Cleveland")."""
    prepositions = gazetteers.event_object_prepositions() | gazetteers.verb_prepositions().get(verb.lemma_, frozenset())
    if verb.lemma_ in gazetteers.partner_verbs() or speech:
        prepositions = prepositions | PARTNER_PREPOSITIONS
    else:
        prepositions = prepositions | {GOAL_PREPOSITION}  # whom or where to, when named: "apologized to Duterte"
    return next((pobj for pobj in clauses.prepositional_objects(verb, prepositions)
                 if pobj.head.i > verb.i and _theme_object(verb, pobj, speech)), None)


def _theme_object(verb: Token, pobj: Token, speech: bool) -> bool:
    """Whether the object of a preposition after `verb` can be its theme."""
    preposition = pobj.head.lower_
    own = preposition in gazetteers.verb_prepositions().get(verb.lemma_, ())  # "responded to the new rules"
    if (verb.lemma_ in gazetteers.partner_verbs() or preposition in PARTNER_PREPOSITIONS) and not own and not (
            _named(pobj) or (pobj.pos_ == "PRON" and DocIndex.of(pobj.doc).antecedent(pobj) is not None)):
        # "to" counts by name (or a pronoun standing for one): "wrote to the US Embassy", not "to the
        # end"; and a partner verb's theme is who it is done with: "spoke with Mike Pompeo", "spoke
        # with her", not "spoke on the phone", "to the press"
        return False
    if speech and preposition == "on" and ((pobj.ent_type_ and pobj.ent_type_ not in ADDRESSEE_LABELS)
                                           or pobj.lower_ in gazetteers.media_nouns()):
        return False  # the medium, not the theme: "wrote on Twitter", "spoke on Fox News", "wrote on social media"
    if speech and preposition == "for" and pobj.ent_type_ == "ORG":
        return False  # whom the speaker speaks for: "Writing for the Court, Justice Kagan declared"
    return pobj.ent_type_ not in DATE_LABELS  # "on Wednesday" is no theme


def _particle_object_prepositions() -> frozenset[str]:
    """The prepositions after a phrasal verb's particle that name its object ("dropped out of
    the race", "stepped down as leader"), not the circumstances ("stepped down amid a scandal")."""
    return gazetteers.event_object_prepositions() | PARTICLE_OBJECT_PREPOSITIONS


def _named(noun: Token) -> bool:
    """Whether `noun` names a person, organisation or place, itself or by the name before it:
    "the Atlantic Council think tank"."""
    return any(token.ent_type_ in ADDRESSEE_LABELS | {"ORG"}
               for token in (noun, *(child for child in noun.children if child.dep_ == "compound")))


def _repeated_preposition_objects(pobj: Token) -> list[Token]:
    """The objects of the same preposition repeated on the verb after `pobj`'s that can be its
    themes too: "met with the IMF, then with President Trump" (not "commented on Biden on CNN")."""
    prep = pobj.head
    verb = prep.head
    if pobj.dep_ != "pobj" or verb.pos_ not in clauses.VERB_POS:
        return []
    speech = verb.lemma_ in gazetteers.speech_verbs()
    return [other for sibling in verb.children if sibling.dep_ == "prep" and sibling.i > prep.i
            and sibling.lower_ == prep.lower_ for other in sibling.children
            if other.dep_ == "pobj" and _theme_object(verb, other, speech)]


def _theme(verb: Token) -> Token | None:
    """The token heading what `verb` acts on, or None."""
    children = list(verb.children)
    has_agent = any(child.dep_ == "agent" for child in children)
    if clauses.is_passive(verb) or (verb.dep_ == "conj" and verb.tag_ == "VBN" and has_agent):
        # "was given ministerial posts by Gandhi": the object is what was given; a participle with
        # an agent of its own joined to a passive is one too: "was nominated by Obama and blocked by the Senate"
        return next((child for child in children if child.dep_ == "dobj"), None) or clauses.passive_subject(verb)
    if verb.dep_ == "acl" and has_agent:
        return verb.head  # a participle with its agent acts on its noun: "the law imposed by X"
    speech = verb.lemma_ in gazetteers.speech_verbs()
    by_dep = {}
    for child in children:
        by_dep.setdefault(child.dep_, child)
    if speech and "dative" in by_dep:
        return by_dep["dative"]
    if speech and "dobj" in by_dep and (clause_taken_for_object(verb) or inverted_speaker(verb)):
        return None  # what the parser took for the object is the statement's subject or the speaker
    if "dobj" in by_dep:
        return by_dep["dobj"]
    infinitive = clauses.infinitive_complement(verb)
    if infinitive is not None and not clauses.is_infinitive(infinitive) and not any(
            child.dep_ in ("dobj", "prep", "xcomp", "ccomp") for child in infinitive.children):
        infinitive = None  # a bare participle states a circumstance: "dies aged 84"
    prepositional = _prepositional_object(verb, speech)
    if prepositional is not None and infinitive is not None and prepositional.i < infinitive.i:
        return prepositional  # who or what is called on before what to do: "called on Italy to join"
    if infinitive is not None:
        return infinitive
    if "oprd" in by_dep:
        return by_dep["oprd"]
    if prepositional is not None:
        return prepositional
    for child in children:
        if child.dep_ in ("prep", "prt", "advmod") and child.i > verb.i and child.lower_ in PARTICLES and not any(
                token.is_punct for token in verb.doc[verb.i + 1 : child.i]):  # not "won with 92,153 votes, out of 160,000"
            # a phrasal verb's object, by the preposition the parser hung from the particle or right
            # after it: "dropped out of the race", "backed away from the deal", "stepped down as leader"
            pobj = next((great for grand in (*child.children, *children)
                         if grand.dep_ == "prep" and grand.lower_ in _particle_object_prepositions()
                         and (grand.head == child or grand.i == child.i + 1)
                         for great in grand.children if great.dep_ == "pobj" and _theme_object(verb, great, speech)), None)
            if pobj is not None:
                return pobj
    small_clause = clauses.small_clause_subject(verb)
    if small_clause is not None:
        return small_clause
    if verb.lemma_ not in gazetteers.reporting_verbs() and "ccomp" in by_dep and by_dep["ccomp"].i > verb.i \
            and verb.lemma_ not in gazetteers.attitude_verbs():
        return by_dep["ccomp"]  # a clause before the verb is one the parser hung there: "X indicated ...; Y wept"
    return None


def _entity_type(ent: Span) -> str | None:
    if ent.label_ in LABEL_TYPES:
        return LABEL_TYPES[ent.label_]
    return "Organization" if is_agent_entity(ent) else None


class EventFinder:
    """Events of one Doc; shares the quotation spans and referents of a QuotationFinder."""

    def __init__(self, doc: Doc, quotations: QuotationFinder | None = None) -> None:
        self.doc = doc
        self.quotations = quotations or QuotationFinder.of(doc)
        self.referents = self.quotations.referents
        self.questions: dict[int, bool] = {}  # sentence number -> whether it is the writer's question (`_asked`)

    def _object(self, theme: Token) -> tuple[Span, str, str | None] | None:
        """(span, object type, phrase text or None) for the theme token.

        A theme inside a quotation must be the quotation itself ('noted his "strength"'),
        not a word within it, and no quoted clause; a pronoun theme counts when it stands for a person.
        """
        number = self.quotations.quotation_at[theme.i]
        if number >= 0 and (self.quotations.quotation_at[theme.head.i] == number or theme.pos_ in clauses.VERB_POS):
            return None  # a quoted clause is a said fact: 'wrote "Let's all pray for ..."'
        ent = self.referents.entity(theme) if theme.pos_ == "PRON" else self._entity_rooted_at(theme)
        if theme.pos_ == "PRON" and ent is not None and ent.label_ != "PERSON":
            ent = None
        if ent is not None and (kind := _entity_type(ent)) is not None:
            return ent, kind, None
        if theme.pos_ == "PRON" or theme.lower_ in RELATIVE_PRONOUNS:
            # a relative "that" stands for its noun whatever the tagger made of it: "money that his
            # client Stormy Daniels had earned"; a pronoun or a bare "that" standing for no one names nothing
            if theme.lower_ in RELATIVE_PRONOUNS and theme.head.dep_ == "relcl":
                return self._object(theme.head.head)
            return None
        if theme.dep_ == "xcomp" and theme.head.dep_ == "relcl" and any(
                child.lower_ in RELATIVE_PRONOUNS for child in theme.children):
            # the relative pronoun is the subject of the verb's small clause: "the Act, which
            # the Supreme Court later ruled to be unconstitutional" rules on the Act
            return self._object(theme.head.head)
        if theme.pos_ == "NOUN":  # "the British colonial minister, Lord Moyne"
            named = next((ent for child in theme.children if child.dep_ == "appos"
                          and (ent := self._entity_rooted_at(child)) is not None and ent.label_ == "PERSON"), None)
            if named is not None:
                return named, "Person", None
        tokens = clauses.phrase_tokens(theme)
        if theme.pos_ == "NUM":
            tokens += _partitive(theme, tokens[-1])
        if all(token.ent_type_ in DATE_LABELS for token in tokens):
            return None
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        text = clauses.tokens_text(tokens)
        return span, "Phrase", None if text == span.text else text

    def _agents(self, verb: Token) -> tuple[Span, ...]:
        """Who performs `verb`; for a relative clause on a group a named doer is said to be one
        of, that doer ("He was among the Representatives who voted"), else on a noun said of a
        named doer, that doer if the noun names no one itself ("X was the gunman who killed Y",
        "X, the man who murdered Y")."""
        if verb.dep_ != "relcl" or not any(
                child.dep_ == "nsubj" and child.lower_ in RELATIVE_PRONOUNS for child in verb.children):
            agents = self.quotations.speakers(verb)
            return agents + tuple(companion for agent in agents for companion in self._companions(agent)
                                  if companion not in agents)
        member = self._member(verb.head)
        if member is not None:
            return (member,)
        agents = self.quotations.speakers(verb)
        if agents:
            return agents
        described = self._described(verb.head)
        return (described,) if described is not None else ()

    def _companions(self, agent: Span) -> list[Span]:
        """The named agents a subject's "along with" or "together with" joins to it: "Planned
        Parenthood, along with the American Civil Liberties Union have announced their plans"."""
        if agent.root.dep_ not in ("nsubj", "nsubjpass"):
            return []
        withs = [grand for child in agent.root.children if child.dep_ == "prep" and child.lower_ == "along"
                 for grand in child.children if grand.dep_ == "prep" and grand.lower_ == "with"]
        withs += [child for child in agent.root.children if child.dep_ == "prep" and child.lower_ == "with"
                  and any(grand.lower_ == "together" for grand in child.children)]
        return [ent for preposition in withs for pobj in preposition.children if pobj.dep_ == "pobj"
                for named in (pobj, *pobj.conjuncts) if (ent := self.referents.entity(named)) is not None]

    def _consequence(self, verb: Token) -> bool:
        """Whether `verb` is a participle after a comma stating what the clause before it brought
        about rather than a deed of its subject: a result said of someone ("was chosen by John McCain
        as his running mate, making her the Republican Party's first female candidate") or what the
        subject itself gained ("Biden secured 39 delegates, giving him a total of 54 delegates")."""
        if not clauses.comma_participle(verb):
            return False
        if any(clauses.is_small_clause(child) for child in verb.children):
            return True
        recipient = next((child for child in verb.children if child.dep_ == "dative" and child.pos_ == "PRON"), None)
        return recipient is not None and self.referents.entity(recipient) in self.quotations.speakers(verb)

    def _asked(self, token: Token) -> bool:
        """Whether `token` is in a question of the writer's, which states nothing: "Was this event
        planned by the Southern Western Railway?" (a quoted question ends no sentence of the writer's)."""
        number = self.referents.sentence_index(token)
        asked = self.questions.get(number)
        if asked is None:  # once per sentence, not per word of it
            last = next((word for word in reversed(self.referents.sentences[number])
                         if not (word.is_space or word.is_quote)), None)
            asked = self.questions[number] = last is not None and last.text == "?" and not self.quotations.quoted(last)
        return asked

    def _own_doing(self, verb: Token, reporting: Token) -> bool:
        """Whether a speaker reports what they themselves are doing now, by a pronoun standing for
        them: "MN.IT said it was investigating the cause of the outages" (but not what they
        claim to have done: "Murphy claimed she made this decision")."""
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ != "PRON" or reporting.lemma_ not in gazetteers.reporting_verbs():
            return False
        if verb.tag_ != "VBG" or not any(child.dep_ == "aux" and child.lemma_ == "be" for child in verb.children):
            return False
        speakers = self.quotations.speakers(reporting)
        if not speakers:
            # no named speaker: only a statement speaks of its own author by "it" ("The MN.IT
            # statement ... said it was investigating"); "Police said he was carrying a gun" is someone else
            while reporting.dep_ == "conj" and not any(child.dep_ == "nsubj" for child in reporting.children):
                reporting = reporting.head  # "... didn't allege an attack, but said it was investigating"
            return any(child.dep_ == "nsubj" and child.lemma_.lower() in gazetteers.statement_nouns()
                       for child in reporting.children)
        return self.quotations.speakers(verb) == speakers

    def _member(self, noun: Token) -> Span | None:
        """The named subject of a copula that places it in the group `noun` names: "He was
        among the Representatives who voted ...", "Romney was one of the Republicans who ..."."""
        if noun.dep_ != "pobj":
            return None
        holder = noun.head.head
        if noun.head.lower_ == "of" and holder.lower_ == "one" and holder.dep_ == "attr":
            holder = holder.head
        elif noun.head.lower_ != "among":
            return None
        if holder.lemma_ != "be":
            return None
        subject = next((child for child in holder.children if child.dep_ == "nsubj"), None)
        return self.referents.entity(subject) if subject is not None else None

    def _described(self, noun: Token) -> Span | None:
        """The named agent a common noun is said of: in apposition to it, or as the predicate
        of a copula whose subject it is ("X was the gunman")."""
        if noun.pos_ != "NOUN":
            return None
        if noun.dep_ == "appos":
            return self.referents.entity(noun.head)
        if noun.dep_ == "attr":
            subject = next((child for child in noun.head.children if child.dep_ == "nsubj"), None)
            return self.referents.entity(subject) if subject is not None else None
        return None

    def _person(self, token: Token | None) -> Span | None:
        if token is None:
            return None
        ent = self.referents.entity(token)
        return ent if ent is not None and ent.label_ == "PERSON" else None

    def _nominal_events(self, noun: Token, kind: str) -> Iterator[tuple[Span, Span]]:
        """(doer, theme) pairs of an event noun of data/event_nouns.tsv."""
        children = {}
        for child in noun.children:
            children.setdefault(child.dep_, child)
        of = next(clauses.prepositional_objects(noun, {"of"}), None)
        by = next(clauses.prepositional_objects(noun, {"by"}, ("prep", "agent")), None)
        possessor, modifier = children.get("poss"), children.get("compound")
        if kind == "doer":
            theme = self._person(of) or self._person(possessor) or self._person(modifier)
            doer = self._person(children.get("appos"))
            if doer is None and noun.dep_ == "compound":
                doer = self._person(noun.head)  # "Kennedy assassin Sirhan Sirhan"
            doer = doer or self._described(noun)
        else:
            theme = self._person(of) or (self._person(possessor) if by is not None else None)
            doer = self._person(by) or (self._person(possessor) if of is not None else None)
        if doer is not None and theme is not None and doer != theme:
            yield doer, theme

    def _entity_rooted_at(self, token: Token) -> Span | None:
        """The named entity whose root `token` is, if any."""
        ent = self.referents.named_entity(token)
        return ent if ent is not None and ent.root == token else None

    def events(self) -> Iterator[Event]:
        """Events in text order, each (agent, relation, object, negation) once; an event of the
        headline that the body states again is given in the body's words ("Wisconsin holds 2020
        election" as "the state of Wisconsin held elections")."""
        title = headline(self.doc)
        kept: dict[tuple[str, str, str, bool], Event] = {}
        for event in self._all_events():
            key = (event.agent.root.lower_, event.relation, event.object.root.lemma_.lower(), event.negated)
            if key not in kept or (title is not None and kept[key].verb.i < title.end <= event.verb.i):
                kept[key] = event
        yield from sorted(kept.values(), key=lambda event: event.verb.i)

    def _all_events(self) -> Iterator[Event]:
        """Every event in text order, restated ones too; none from an interview's transcript,
        whose words are the interviewer's and the interviewee's, not the writer's statements."""
        nouns = gazetteers.event_nouns()
        turn = INTERVIEW_TURN.search(self.doc.text)
        transcript_start = turn.start() if turn is not None else len(self.doc.text)
        # only verbs and event nouns can state an event
        for token in self.quotations.index.tokens(lowers=nouns, pos=VERB):
            if self.quotations.quoted(token) or self._asked(token) or token.idx >= transcript_start:
                continue
            if token.lower_ in nouns and (token.pos_ in ("NOUN", "PROPN") or token.dep_ == "compound"):
                lemma, kind = nouns[token.lower_]
                for doer, theme in self._nominal_events(token, kind):
                    yield from self._new_event(doer, lemma, token, (theme, _entity_type(theme), None), False)
            if not _event_verb(token, self.quotations.index) or not _realised(token) or _standing(token) \
                    or self._consequence(token):
                continue
            reporting = _reporting_verb(token)
            if reporting is not None and not self._own_doing(token, reporting):
                continue  # what a speaker reports is their said fact, not the article's event
            theme = _theme(token)
            if theme is None or not self.referents.same_line(theme, token):
                continue
            if (token.lemma_, theme.lower_) in gazetteers.idiom_objects():
                continue  # "took place", "followed suit": no theme
            agents = self._agents(token)
            if not agents:
                continue  # asked before the objects: most verbs with a theme have no named doer
            found = self._object(theme)
            if found is None:
                continue
            objects = [found]
            if found[1] != "Phrase":  # "killed President Kennedy and Officer Tippit": each named object
                conjuncts = {conj.i: conj for token in (theme, *found[0]) for conj in token.conjuncts}
                conjuncts.update((other.i, other) for repeated in _repeated_preposition_objects(theme)
                                 for other in (repeated, *repeated.conjuncts))
                objects += [other for _, conj in sorted(conjuncts.items())
                            if (other := self._object(conj)) is not None and other[1] != "Phrase"]
            negated = _negated(token)
            relations = (token.lemma_, "kill") if _results_in_death(token) else (token.lemma_,)
            for agent in agents:
                for relation in relations:
                    for found in objects:
                        yield from self._new_event(agent, relation, token, found, negated)

    def _new_event(self, agent: Span, relation: str, verb: Token, found: tuple[Span, str, str | None],
                   negated: bool) -> Iterator[Event]:
        """The event, unless its agent is its object."""
        span, object_type, object_text = found
        if agent.start <= span.start < agent.end:
            return
        article_date = self.doc._.kg_article_date if self.doc.has_extension("kg_article_date") else None
        sentence_index = self.referents.sentence_index(verb)
        yield Event(
            agent=agent,
            relation=relation,
            verb=verb,
            object=span,
            object_type=object_type,
            object_text=object_text,
            negated=negated,
            date=clause_date(verb, self.referents.dates.get(sentence_index, ()), article_date),
            sentence=self.referents.sentences[sentence_index],
        )


def events(doc: Doc) -> list[Event]:
    """Events of `doc`, in text order."""
    return list(EventFinder(doc).events())


def event_facts(doc: Doc) -> list[SpanFact]:
    """A fact for each event of `doc`: the relation is the verb's lemma, the subject the
    agent's entity span, the object an entity span or a phrase span (`object_text` when the
    phrase leaves words of the span out); negated events are kept with `negated=True`."""
    return [
        SpanFact(
            subject=event.agent,
            relation=event.relation,
            sentence=event.sentence,
            object=event.object,
            object_type=event.object_type,
            object_text=event.object_text,
            negated=event.negated,
            date=event.date,
        )
        for event in EventFinder(doc).events()
    ]
