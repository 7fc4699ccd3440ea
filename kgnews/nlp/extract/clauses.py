"""Clause structure shared by the quote and event extractors: who does a verb, and how
much of a subtree makes a phrase.

- `doers(verb)` is the token(s) naming who performs `verb`: its subject, the "by" agent of
  a passive, or, for a verb without a subject of its own (a participle "saying ...", an
  infinitive "to call", a conjoined verb, a gerund "for refusing ..."), the doer of the
  verb it hangs from.
- `phrase_tokens` cuts an object subtree to a short phrase, `clause_tokens` a reported
  clause to its statement; both leave out what the writer adds after a comma (appositions,
  non-restrictive relative clauses, "including ...", participial adjuncts).
"""
from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from spacy.tokens import Token

from kgnews.nlp import gazetteers
from kgnews.nlp.extract.dates import DATE_LABELS

VERB_POS = frozenset({"VERB", "AUX"})
# Dependents through which a verb without a subject takes the doer of its head verb.
# ("dep": a verb the parser could not attach, mostly one coordinated without "and": ", then joined X")
INHERITING_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "ccomp", "dep"})
# Dependents that end a phrase: they describe rather than complete their head.
DESCRIPTIVE_DEPS = frozenset({"relcl", "appos", "advcl", "acl", "parataxis", "dep", "meta", "npadvmod", "mark"})
# Dependents of a verb phrase that complete it.
COMPLEMENT_DEPS = frozenset({"dobj", "dative", "prt", "acomp", "oprd", "attr", "xcomp", "ccomp", "neg", "aux", "auxpass"})
SEPARATORS = frozenset({",", ";", ":", "(", "—", "–", "-", "--"})
MAX_INHERIT_DEPTH = 4
ARTICLES = frozenset({"the", "a", "an"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
HYPHENS = frozenset({"-", "–"})
# The words that join two names or titles into one phrase: "Trade and Industry", "PG&E President and CEO".
CONJUNCTIONS = frozenset({"and", "&"})
# Conjunctions of a time clause, which dates a report rather than stating it: "announced it had
# entered into an agreement with the government of Syria after Turkey began a military offensive".
TIME_MARKERS = frozenset({"after", "before", "when", "while"})
# Prepositions by which a verb's complement gerund is said of its object ("accused X of lying");
# not "for", mostly the subject's reason ("serving life in prison for assassinating Kennedy").
OBJECT_CONTROL_PREPOSITIONS = frozenset({"of", "from", "with", "into"})
# Prepositions of the act through which a passive is done: "condemned in a joint statement by Egypt".
MEANS_PREPOSITIONS = frozenset({"in", "through"})
# Prepositions naming who did a passive together: "a memorandum was signed between Cyprus, Greece and Israel".
PARTY_PREPOSITIONS = frozenset({"between"})
# What a clause's noun keeps after a separator: "the project, which involves Greece, is open".
INSERTED_DEPS = frozenset({"relcl"})


def prepositional_objects(
    token: Token, prepositions: Collection[str], dependencies: Collection[str] = ("prep",)
) -> Iterator[Token]:
    """The objects of `token`'s prepositional phrases headed by one of `prepositions`, in
    text order: "based in Virginia" -> Virginia. A passive's "by" phrase is an `agent`."""
    for prep in token.children:
        if prep.dep_ in dependencies and prep.lower_ in prepositions:
            yield from (obj for obj in prep.children if obj.dep_ == "pobj")


def infinitive_complement(verb: Token) -> Token | None:
    """The infinitive `verb` introduces: its xcomp, or an advcl with "to" (parses vary)."""
    for child in verb.children:
        if child.dep_ == "xcomp" or (
            child.dep_ == "advcl" and is_infinitive(child)
        ):
            return child
    return None


def is_infinitive(verb: Token) -> bool:
    """A verb with the infinitive marker "to"."""
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _has_own_marker(clause: Token, *, but_to: bool) -> bool:
    """Whether a clause has a subordinating marker or an auxiliary of its own ("that", "has",
    "was"; "to" too unless `but_to`)."""
    return any(child.dep_ in ("mark", "aux", "auxpass") and not (but_to and child.lower_ == "to")
               for child in clause.children)


def is_small_clause(clause: Token) -> bool:
    """A clause complement without a finite verb of its own, "the air strike justified" in
    "found the air strike justified" or "the prorogation to be unlawful" ("to" allowed)."""
    if clause.dep_ != "ccomp" or clause.tag_ in FINITE_TAGS or clause.tag_ == "MD":
        return False
    return not _has_own_marker(clause, but_to=True)


def small_clause_verb(clause: Token) -> bool:
    """A bare verb heading a clause, with no marker or auxiliary of its own, not even "to":
    "cross" in "make the pipeline cross Turkish waters". Unlike `is_small_clause` it takes the
    present tense the tagger often gives such a verb (VBP), and no participle or adjective."""
    return clause.tag_ in ("VB", "VBP") and not _has_own_marker(clause, but_to=False)


def small_clause_subject(verb: Token) -> Token | None:
    """The subject of the verb's small clause (`is_small_clause`), which is what it acts on."""
    for clause in verb.children:
        if not is_small_clause(clause):
            continue
        subject = next((child for child in clause.children if child.dep_ == "nsubj"), None)
        if subject is not None and verb.i < subject.i < clause.i:
            return subject
    return None


def is_infinitive_complement(verb: Token) -> bool:
    # Only an xcomp or an advcl can be one (never the root, its own head): most verbs are
    # answered without walking the head's children.
    return verb.dep_ in ("xcomp", "advcl") and infinitive_complement(verb.head) == verb


def is_transparent(verb: Token) -> bool:
    """An aspectual verb ("went on to", "used to") that hands its subject to its infinitive;
    with an object of its own the verb is an act ("uses primary elections to select ...").
    So does a passive reporting verb that states the act as done: "X was reported by local
    media to have visited the hospital" reports that X visited it (not "X is alleged to have")."""
    if verb.lemma_ in gazetteers.reported_done_verbs() and is_passive(verb) and infinitive_complement(verb) is not None:
        return True
    particle = gazetteers.transparent_verbs().get(verb.lemma_)
    if particle is None or infinitive_complement(verb) is None or any(child.dep_ == "dobj" for child in verb.children):
        return False
    return not particle or any(child.dep_ == "prt" and child.lower_ == particle for child in verb.children)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children) or _participle_of_be(verb)


def is_bare_participle_clause(verb: Token) -> bool:
    """A past participle heading an adverbial clause with no auxiliary or subject of its own,
    which is passive: "When asked about plans, Stamenković told Wikinews", "Encouraged by a
    psychotherapist, Vanderbilt took acting lessons" (the main clause's subject undergoes it)."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
        child.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "expl") for child in verb.children)


def _participle_of_be(verb: Token) -> bool:
    """A participle the parser took for the adjective complement of "be": "He was nominated to
    the Supreme Court by President Gerald Ford" ("nominated" an acomp of "was")."""
    return verb.tag_ == "VBN" and verb.dep_ == "acomp" and verb.head.lemma_ == "be"


def passive_subject(verb: Token) -> Token | None:
    """What a passive verb is done to: its subject, or for a passive conjoined to a verb without a
    subject of its own, that verb's subject ("the territory, which belonged to Syria and was
    occupied by Israel")."""
    subject = next((child for child in verb.children if child.dep_ == "nsubjpass"), None)
    if subject is None and (verb.dep_ == "conj" or _participle_of_be(verb)) and verb.head.pos_ in VERB_POS:
        subject = next((child for child in verb.head.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    return subject


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def is_unrealised(verb: Token) -> bool:
    """A modal auxiliary ("would", "could", "will") makes the action possible, not done."""
    return any(child.dep_ == "aux" and child.lower_ in gazetteers.modal_auxiliaries() for child in verb.children)


def is_condition(verb: Token) -> bool:
    """Whether `verb` heads a condition or an indirect question, which state nothing as done:
    "if Pakistan defeated India", "unless Congress acts", "whether Trump had fired Comey"."""
    return any(child.dep_ == "mark" and child.lower_ in gazetteers.condition_markers() for child in verb.children)


def states_as_so(verb: Token) -> bool:
    """Whether `verb` says its subject does or did it, as a post or a membership needs: not
    negated, not modal ("would head"), no purpose infinitive ("to lead"), and not only wished,
    sought or promised through the verb it completes ("hopes to chair", "is running to lead",
    "vowed to join"); an aspectual verb hands on its own standing ("went on to chair")."""
    if is_negated(verb) or is_unrealised(verb):
        return False
    if is_infinitive_complement(verb):
        return is_transparent(verb.head) and states_as_so(verb.head)
    return not is_infinitive(verb)


def governing_verb(verb: Token) -> Token | None:
    """The verb a subject-less verb hangs from (through a preposition for a gerund)."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    return head if head != verb and head.pos_ in VERB_POS else None


def doers(verb: Token, depth: int = 0) -> list[Token]:
    """The tokens naming who performs `verb` (conjoined subjects each), or []."""
    subject = None
    for child in verb.children:
        if child.dep_ == "agent":
            subject = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if subject is not None:
                break
        elif child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and subject is None):
            subject = child
    if (subject is None or subject.dep_ == "nsubjpass") and depth == 0 and is_passive(verb):
        parties = prepositional_objects(verb, PARTY_PREPOSITIONS) if verb.lemma_ in gazetteers.reciprocal_verbs() else iter(())
        subject = _agent_of_means(verb) or next(parties, None) or subject
    if subject is not None:
        if subject.dep_ == "nsubjpass" and depth == 0 and not _active_after_all(verb):
            return []  # a passive without "by X" names no doer of its own
        return [subject, *subject.conjuncts]
    if depth == 0 and (is_passive(verb) or is_bare_participle_clause(verb)):
        return []  # nor does a conjoined one ("was arrested and charged") or a bare one ("When asked about it, X said")
    if verb.dep_ == "ROOT" and verb.tag_ in FINITE_TAGS:
        return _stranded_subject(verb)
    if depth >= MAX_INHERIT_DEPTH or verb.dep_ not in INHERITING_DEPS:
        return []
    if (stranded := _subject_taken_for_object(verb)) is not None:
        return [stranded]
    if (reporting := reporters_adjunct(verb)) is not None:
        return doers(reporting, depth + 1)
    head = governing_verb(verb)
    quoted = quoted_one(verb, head) if head is not None and verb.dep_ == "pcomp" else None
    if quoted is not None:
        # "Lieberman was quoted as saying ...", "Politico quoted Tim Manning as saying ...": the one quoted says it
        return [quoted, *quoted.conjuncts]
    if head is None or (verb.dep_ == "pcomp" and (is_passive(head) or _said_of_object(verb, head))):
        # "was convicted of submitting a false return" states a charge, not a deed
        return []
    if _object_clause(verb, head):
        return []
    if verb.dep_ == "xcomp" and is_passive(head):
        # who was asked or reported to do it, not who asked or reported: "X was asked by Y to resign"
        subject = passive_subject(head)
        return [subject, *subject.conjuncts] if subject is not None else []
    return doers(head, depth + 1)


def quoted_saying(head: Token) -> Token | None:
    """The speech verb of a quoting verb's "as" phrase (data/quoting_verbs.tsv): "saying" in
    "Politico quoted Tim Manning as saying ...", "Lieberman was quoted as saying"; None for any
    other phrase, whose object says nothing ("Pelosi quoted Lincoln before announcing ...")."""
    if head.lemma_ not in gazetteers.quoting_verbs():
        return None
    return next((pcomp for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "as"
                 for pcomp in prep.children if pcomp.dep_ == "pcomp" and pcomp.lemma_ in gazetteers.speech_verbs()),
                None)


def quoted_one(verb: Token, head: Token) -> Token | None:
    """Who a quoting verb quotes as saying `verb` (its `quoted_saying`): the passive's subject
    ("Lieberman was quoted as saying"), or the active's object when it names someone
    ("Politico quoted Tim Manning as saying"); not unnamed sources, for whom the one who
    quotes them speaks ("The New York Times cited officials as saying ...": the Times)."""
    if quoted_saying(head) != verb:
        return None
    if is_passive(head):
        return passive_subject(head)
    return next((child for child in head.children if child.dep_ == "dobj" and child.pos_ in ("PROPN", "PRON")), None)


def comma_participle(verb: Token) -> bool:
    """A participle ("-ing") after a comma that follows the clause it hangs from, with no subject,
    marker or auxiliary of its own: ", citing COVID-19 safety concerns", ", making her the first"."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i and verb.left_edge.i > 0 \
        and verb.doc[verb.left_edge.i - 1].text == "," and not any(
            child.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for child in verb.children)


def reporters_adjunct(verb: Token) -> Token | None:
    """The reporting verb whose subject does a participle after a comma that the parser hung
    inside the reported clause, when the participle is the reporter's stance (a verb of saying,
    believing or giving grounds: data/stance_verbs.tsv): in "The Commission announced the debate
    has been cancelled, citing COVID-19 safety concerns" the Commission cites them; in "The
    Pentagon said Iran launched missiles, injuring 11 soldiers" Iran injured them, and in "The
    military said Kharkiv was shelled, killing 12 civilians" the unnamed shellers did. None otherwise."""
    if not comma_participle(verb):
        return None
    stance = verb.lemma_ in gazetteers.speech_verbs() or verb.lemma_ in gazetteers.attitude_verbs() \
        or verb.lemma_ in gazetteers.stance_verbs()
    clause = verb.head
    for _ in range(MAX_INHERIT_DEPTH):
        if clause.dep_ == "ccomp" and clause.head.lemma_ in gazetteers.reporting_verbs():
            return clause.head if stance else None
        if clause.dep_ not in ("conj", "ccomp") or clause.head == clause:
            return None
        clause = clause.head
    return None


def _subject_taken_for_object(verb: Token) -> Token | None:
    """The name right before a conjoined verb that the parser joined to its head's object
    instead: in "The SNP gained 13 seats and Liberal Democrats lost 10" the Liberal Democrats
    lost, not the SNP."""
    if verb.dep_ != "conj" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ != "conj" or before.pos_ != "PROPN" or before.head.i < verb.head.i:
        return None
    first = before.head
    while first.dep_ == "conj" and first.head.i > verb.head.i:
        first = first.head
    return before if first.dep_ in ("dobj", "pobj") and first.head.i >= verb.head.i else None


def _next_verbs_subject(token: Token) -> bool:
    """Whether `token` is, or is the conjunction before, the subject of the verb after it
    that the parser took for a conjunct (`_subject_taken_for_object`)."""
    if token.dep_ == "cc":
        token = next((sibling for sibling in token.head.children if sibling.dep_ == "conj" and sibling.i > token.i), token)
    after = token.right_edge.i + 1
    return token.dep_ == "conj" and after < len(token.doc) and _subject_taken_for_object(token.doc[after]) == token


def _object_clause(verb: Token, head: Token) -> bool:
    """A finite verb with no subject, conjunction or marker of its own right after its head's
    object, whose clause the parser broke: in "Judge Gray Miller ruled the male-only draft
    violated the Due Process Clause" the draft violated it, not the judge."""
    if verb.tag_ not in FINITE_TAGS or verb.dep_ not in ("advcl", "ccomp", "dep") or any(
            child.dep_ in ("mark", "cc") for child in verb.children):
        return False
    return any(child.dep_ == "dobj" and child.right_edge.i == verb.left_edge.i - 1 for child in head.children)


def _agent_of_means(verb: Token) -> Token | None:
    """The "by" agent of the act through which a passive is done, the parser hanging it from
    that act's noun: "was condemned in a joint statement by Egypt, Greece and Cyprus"."""
    means = next(prepositional_objects(verb, MEANS_PREPOSITIONS), None)
    return next(prepositional_objects(means, ("by",), ("prep", "agent")), None) if means is not None else None


def _said_of_object(gerund: Token, head: Token) -> bool:
    """A gerund completing a verb after its object is the object's, and said of it rather
    than done: "accusing the network of violating its franchise", "prevent people from
    collecting ballots" (but "drop his bid before reversing course" is the subject's)."""
    return gerund.head.lower_ in OBJECT_CONTROL_PREPOSITIONS and any(
        child.dep_ == "dobj" and child.i < gerund.i for child in head.children)


def _active_after_all(verb: Token) -> bool:
    """A verb with no passive auxiliary, finite or a main verb with no auxiliary at all, whose
    subject the parser still marked as a passive one ("Jane Roe said": "Roe" nsubjpass, "said"
    even tagged as a participle)."""
    auxiliaries = {child.dep_ for child in verb.children} & {"aux", "auxpass"}
    return "auxpass" not in auxiliaries and (
        verb.tag_ in FINITE_TAGS or (verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not auxiliaries))


def _stranded_subject(verb: Token) -> list[Token]:
    """The noun right before a finite main verb that the parser left without a subject: in
    "Speaking to AFP, the president of the league, Jamel Msallem, said" the name hangs off
    "AFP", yet it is who said."""
    position = verb.i - 1
    while position >= 0 and verb.doc[position].text == ",":
        position -= 1
    noun = verb.doc[position] if position >= 0 else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.dep_ in ("npadvmod", "ROOT"):
        return []
    return [noun]


def _left_adjunct(child: Token, subject: Token | None) -> bool:
    """A dependent before the subject that only frames the clause ("In 2012, ...")."""
    return subject is not None and child.i < subject.i and child.dep_ not in ("nsubj", "nsubjpass", "aux", "neg")


def _glued(token: Token) -> bool:
    """Punctuation inside a word: "denial-of-service", "opponents'"."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].whitespace_:
        return False
    if token.dep_ == "case":
        return True
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return not token.whitespace_ and following is not None and not (following.is_space or following.is_punct)


def _after_separator(token: Token) -> bool:
    """Whether a separator precedes `token`'s subtree, other than the one closing an
    inserted phrase ("officers, Ross and Barr, in contempt": "in" continues "officers")."""
    left = token.left_edge.i
    if left == 0 or token.doc[left - 1].text not in SEPARATORS or _glued(token.doc[left - 1]):
        return False
    return not any(
        sibling.right_edge.i == left - 2 and sibling.dep_ in DESCRIPTIVE_DEPS for sibling in token.head.children
    ) and not any(
        grand.right_edge.i == left - 2 and grand.dep_ in DESCRIPTIVE_DEPS
        for sibling in token.head.children
        for grand in sibling.children
    )


def _after_colon(token: Token) -> bool:
    """Whether a colon opens `token`'s subtree: what follows it in a clause spells the clause
    out ("they did so for a political reason: to punish the mayor")."""
    left = token.left_edge.i
    return left > 0 and token.doc[left - 1].text == ":"


def _subtree(token: Token, whole_clause: bool) -> Iterator[Token]:
    """`token` and the dependents that belong to its phrase (or, `whole_clause`, its clause).

    A phrase keeps its head's complements and first preposition; a clause keeps everything
    but what the writer appends after a separator (conjuncts and what a colon spells out
    excepted).
    """
    yield token
    preps = 0
    for child in token.children:
        if child.is_punct and not _glued(child):
            continue
        if child.i > token.i and _after_separator(child) and child.dep_ not in ("conj", "cc") and not (
                whole_clause and (child.dep_ in INSERTED_DEPS or _after_colon(child))):
            continue
        if not whole_clause:
            if (child.dep_ in DESCRIPTIVE_DEPS and not _noun_taken_for_participle(child)) or (
                    child.ent_type_ in DATE_LABELS and child.dep_ != "pobj"):
                continue
            if child.dep_ in ("conj", "cc") and _next_verbs_subject(child):
                continue  # "13 seats", not "13 seats and Liberal Democrats" (who "lost 10")
            if child.dep_ == "prep" and child.i > token.i:
                if preps or _dated(child):
                    continue
                preps += 1
        yield from _subtree(child, whole_clause)


def _noun_taken_for_participle(child: Token) -> bool:
    """A noun right after its head that the parser hung from it as a participle clause: "took a
    parting shot" ("shot" an acl of "parting"), so the phrase's head word is still to come."""
    return child.dep_ == "acl" and child.pos_ == "NOUN" and child.i == child.head.i + 1


def _dated(prep: Token) -> bool:
    """A preposition whose object is a date or time ("in 2012", "on Tuesday")."""
    return any(child.dep_ == "pobj" and child.ent_type_ in DATE_LABELS for child in prep.children)


def _hyphen_joins(left: Token, right: Token) -> bool:
    """Whether two adjacent tokens are parts of one hyphenated word ("anti" "-" "semitism")."""
    return not left.whitespace_ and (left.text in HYPHENS) != (right.text in HYPHENS) and not (
        left.is_punct and left.text not in HYPHENS) and not (right.is_punct and right.text not in HYPHENS)


def _whole_words(tokens: list[Token]) -> list[Token]:
    """`tokens` with the rest of each hyphenated word they hold part of, however the parser
    split it ("the male-only draft" whose "male" the parser hung off as an adverb)."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    kept = {token.i for token in tokens}
    for token in tokens:
        start, end = token.i, token.i
        while start > 0 and _hyphen_joins(doc[start - 1], doc[start]):
            start -= 1
        while end + 1 < len(doc) and _hyphen_joins(doc[end], doc[end + 1]):
            end += 1
        kept.update(range(start, end + 1))
    return [doc[index] for index in sorted(kept)]


def phrase_tokens(head: Token) -> list[Token]:
    """A short phrase for an object headed by `head`: its words up to the first adjunct.

    For a verb ("to call for X's resignation") the infinitive marker is left out.
    """
    tokens = _whole_words(sorted(_subtree(head, whole_clause=False), key=lambda token: token.i))
    if head.pos_ in VERB_POS:
        tokens = [token for token in tokens if not (token.dep_ == "aux" and token.head == head and token.i < head.i)]
    while len(tokens) > 1 and tokens[0].dep_ == "det" and tokens[0].lower_ in ARTICLES:
        tokens = tokens[1:]
    return tokens


def clause_tokens(heads: Sequence[Token]) -> list[Token]:
    """The statement of a reported clause headed by the verb(s) `heads`.

    Several heads are parts of one clause the parser split. Leaves out the clause's "that",
    what precedes its subject ("in a phone call in late July,"), a time clause after it
    ("after Turkey began a military offensive"; not one of what would happen, which is part of
    the statement: "the bill would become enforceable after the Supreme Court revisits the
    case"), and what follows a comma unless it is
    conjoined; a conjoined clause with a subject of its own is kept only when marked as
    reported too ("..., and that Bolton tendered it").
    """
    tokens: list[Token] = []
    for head in heads:
        subject = next((child for child in head.children if child.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        tokens.append(head)
        for child in head.children:
            if (child.is_punct and not _glued(child)) or child.dep_ == "mark" or _left_adjunct(child, subject):
                continue
            if child.dep_ == "conj" and not _continues_report(child):
                continue
            if child.dep_ == "advcl" and child.i > head.i and not is_unrealised(head) and any(
                    mark.dep_ == "mark" and mark.lower_ in TIME_MARKERS
                    for mark in child.children):
                continue
            if child.i > head.i and _after_separator(child) and child.dep_ not in ("cc", "conj", *INSERTED_DEPS) \
                    and not _after_colon(child):
                continue
            tokens.extend(_subtree(child, whole_clause=True))
    tokens.sort(key=lambda token: token.i)
    while tokens and (tokens[-1].dep_ == "cc" or (tokens[-1].is_punct and not tokens[-1].is_quote)):
        tokens.pop()
    return tokens


def _continues_report(conj: Token) -> bool:
    """A conjoined verb that is still part of the report: no subject of its own, or "that";
    not a speech verb, which is the speaker's next act ("noted that the House did not ratify
    the demarcation, and mentioned a possible arbitration route")."""
    if conj.pos_ not in VERB_POS:
        return True
    has_subject = any(child.dep_ in ("nsubj", "nsubjpass") for child in conj.children)
    if not has_subject and conj.lemma_ in gazetteers.speech_verbs():
        return False
    return not has_subject or any(child.dep_ == "mark" for child in conj.children)


def tokens_text(tokens: list[Token]) -> str:
    """The text of `tokens` with the doc's own spacing (gaps closed up)."""
    parts = []
    for position, token in enumerate(tokens):
        parts.append(token.text)
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if following is not None and (token.whitespace_ or following.i != token.i + 1):
            parts.append(" ")
    return "".join(parts).strip()
