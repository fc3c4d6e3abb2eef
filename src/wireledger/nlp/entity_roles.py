"""Roles, titles and descriptions of entities, read after coreference.

- Roles with their organisation and start: "X has served since 2011 as the first deputy head of the
  GRU", "X was appointed police chief of Dayton in 2019", "X became director of the FBI", "X, the
  spokesman for the ministry" -> RoleFact(text, title, organization, since). When the organisation is
  described and then named ("... of Russia's military intelligence agency, commonly known as the GRU")
  the role is written with the name ("first deputy head of the GRU") and the description goes to the
  organisation.
- Descriptions: "former Russian agent Sergei Skripal", "Sergei Skripal, a former agent," and for
  organisations "the GRU, Russia's military intelligence agency".
- A role whose words are a known title ("mayor", "police chief") also becomes a title.
The subject of a role is the person mentioned last before it in the sentence (a name, a surname or a
pronoun that coreference attached), so "He has served as..." works as well as a name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Entity, RoleFact
from .base import ReadingDoc
from .entity_lexicon import EntityLexicon
from .registry import StepContext, register_step

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

ROLE_HEADS = (
    "head", "chief", "director", "commander", "chairman", "chairwoman", "chair", "president", "minister",
    "secretary", "leader", "spokesman", "spokeswoman", "spokesperson", "officer", "member", "founder",
    "co-founder", "deputy", "governor", "mayor", "ambassador", "editor", "manager", "coordinator",
    "adviser", "advisor", "prosecutor", "judge", "inspector", "administrator", "executive", "CEO",
    "owner", "treasurer", "representative", "envoy", "general", "colonel", "captain", "sheriff",
    "superintendent", "commissioner", "attorney", "analyst", "professor", "principal", "pastor", "imam",
    "correspondent", "reporter", "journalist", "photographer", "columnist", "anchor", "producer",
)
ROLE_MODIFIERS = (
    "first", "second", "third", "deputy", "acting", "senior", "chief", "assistant", "vice", "executive",
    "general", "regional", "interim", "top", "lead", "principal", "associate", "managing", "founding",
    "military", "political", "police", "fire", "press", "foreign", "defense", "defence", "interior",
    "finance", "justice", "district", "state", "county", "city", "lieutenant", "major", "brigadier",
)
_MODS = "|".join(ROLE_MODIFIERS)
_HEADS = "|".join(sorted(ROLE_HEADS, key=len, reverse=True))
_ROLE = rf"(?P<role>(?:(?:{_MODS})[ -])*(?:{_HEADS}))"
_ORG = r"(?P<prep>of|at|for|in|with)\s+(?P<org>(?:the\s+)?[^,.;()“”\"]{2,90}?)"
_ORG_END = r"(?=\s*(?:[,.;()“”\"]|$)|\s+(?:since|until|from|when|who|which|where|in\s+(?:19|20)\d{2}|" \
           r"and\s+(?:has|was|is|had))\b)"  # "in 2017" after the organisation: when, not where
_KNOWN = r"(?:,?\s+(?:(?:also|commonly|better|widely|formerly|otherwise)\s+)?known\s+as\s+" \
         r"(?P<article>the\s+)?(?P<alias>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,5}))?"
_SINCE = r"(?:\s+since\s+(?P<since2>(?:19|20)\d{2}))?"
_A = r"(?:(?:the|a|an|its|their|his|her)\s+)?"
ROLE_PATTERNS = [
    re.compile(rf"\b(?:serv(?:ed|es|ing)|work(?:ed|s|ing))(?:\s+since\s+(?P<since>(?:19|20)\d{{2}}))?\s+as\s+{_A}"
               rf"{_ROLE}\s+{_ORG}{_ORG_END}{_KNOWN}{_SINCE}", re.IGNORECASE),
    re.compile(rf"\b(?:appointed|named|elected|promoted\s+to|made|became|become|becomes)\s+(?:as\s+)?{_A}"
               rf"{_ROLE}\s+{_ORG}{_ORG_END}{_KNOWN}(?:\s+in\s+(?P<since>(?:19|20)\d{{2}}))?{_SINCE}",
               re.IGNORECASE),
    re.compile(rf"(?:,|\b(?:is|was|as))\s+{_A}(?:former\s+)?{_ROLE}\s+{_ORG}{_ORG_END}{_KNOWN}{_SINCE}",
               re.IGNORECASE),
]
_OF_ORG = re.compile(r"\s+(?:of|at|for|with)\s+(?:the\s+)?")
_SUBJECT_WINDOW = 160  # characters before a role in which its person must be mentioned
_ORG_NOUNS = {"agency", "service", "group", "organization", "organisation", "ministry", "militia",
              "company", "committee", "directorate", "unit", "force", "forces", "party", "network",
              "channel", "outlet", "newspaper", "department", "office", "movement", "army", "body",
              "authority", "firm", "bank", "union", "council", "court", "administration", "brigade"}


class RolesStep:
    name = "wireledger.roles"
    version = "1"
    reads: tuple[str, ...] = ("spacy", "sentences", "entities")
    writes: tuple[str, ...] = ("entities",)

    def __init__(self, lexicon: EntityLexicon) -> None:
        self.lex = lexicon

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is None or not doc.entities:
            return doc
        text = doc.text
        for start, end in doc.sentences:
            self._roles_in(doc, text, start, end)
        self._title_affiliations(doc)
        self._descriptions(doc.spacy, doc.entities)
        return doc

    # -- roles ------------------------------------------------------------------------------------
    def _roles_in(self, doc: ReadingDoc, text: str, start: int, end: int) -> None:
        sentence = text[start:end]
        seen: set[int] = set()
        for rx in ROLE_PATTERNS:
            for m in rx.finditer(sentence):
                role_start = start + m.start("role")
                if role_start in seen:
                    continue
                person = _person_before(doc.entities, start, start + m.start(), _SUBJECT_WINDOW)
                if person is None:
                    continue
                seen.add(role_start)
                self._add_role(doc, person, m, start)

    def _add_role(self, doc: ReadingDoc, person: Entity, m: re.Match[str], offset: int) -> None:
        role = m.group("role")
        org_text = m.group("org").strip()
        alias = m.group("alias")
        if alias and alias.endswith(".") and "." not in alias[:-1]:
            alias = alias[:-1]  # the sentence's full stop, not an abbreviation's
        groups = m.groupdict()
        since = groups.get("since") or groups.get("since2")
        if alias:
            article = "the " if m.group("article") else ""
            text = f"{role} {m.group('prep')} {article}{alias}"
            organization = alias
            described = _strip_article(org_text)
            target = _entity_named(doc.entities, alias)
            if target is not None and described and described not in target.descriptions:
                target.descriptions.append(described)
        else:
            text = f"{role} {m.group('prep')} {org_text}"
            named = _entity_within(doc.entities, offset + m.start("org"), offset + m.end("org"))
            organization = named.name if named is not None else _strip_article(org_text)
        end = offset + (m.start("alias") + len(alias) if alias else m.end("org"))
        fact = RoleFact(text=text, title=role, organization=organization, since=since,
                        start=offset + m.start("role"), end=end)
        if all(r.text != fact.text for r in person.roles):
            person.roles.append(fact)
        title = self._title_of(role)
        if title and title not in person.titles:
            person.titles.append(title)

    def _title_affiliations(self, doc: ReadingDoc) -> None:
        """'the Lieutenant General of the Russian Defense Ministry': a title phrase with its organisation."""
        orgs = [e for e in doc.entities if e.type in ("organization", "group", "media")]
        for person in doc.entities:
            if person.type != "person":
                continue
            for m in person.mentions:
                if m.kind != "title":
                    continue
                after = _OF_ORG.match(doc.text, m.end)
                if not after:
                    continue
                org = next((o for o in orgs for om in o.mentions if om.start == after.end()), None)
                if org is None:
                    continue
                title = _strip_article(m.text)
                om = next(om for om in org.mentions if om.start == after.end())
                text = f"{title}{doc.text[m.end:om.end]}"
                if all(r.text != text for r in person.roles):
                    person.roles.append(RoleFact(text=text, title=title, organization=org.name,
                                                 start=m.start, end=om.end))

    def _title_of(self, role: str) -> str | None:
        key = tuple(w.lower() for w in role.replace("-", " - ").split())
        return self.lex.titles.get(key)

    # -- descriptions -----------------------------------------------------------------------------
    def _descriptions(self, sdoc: SpacyDoc, entities: list[Entity]) -> None:
        for e in entities:
            if e.type not in ("person", "organization", "group", "media"):
                continue
            for m in e.mentions:
                if m.kind not in ("name", "surname", "alias"):
                    continue
                span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for desc in (_appositive(span, e.type), _premodifier(span) if e.type == "person" else None):
                    if desc and desc not in e.descriptions and desc.lower() != e.name.lower():
                        e.descriptions.append(desc)


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _person_before(entities: list[Entity], sentence_start: int, pos: int, window: int) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for e in entities:
        if e.type != "person":
            continue
        for m in e.mentions:
            near = sentence_start <= m.start < pos and pos - m.end <= window
            if near and (best is None or m.start > best[0]):
                best = (m.start, e)
    return best[1] if best else None


def _entity_named(entities: list[Entity], name: str) -> Entity | None:
    low = name.lower()
    return next((e for e in entities if e.name.lower() == low or low in (a.lower() for a in e.aliases)), None)


def _entity_within(entities: list[Entity], start: int, end: int) -> Entity | None:
    for e in entities:
        if e.type in ("organization", "group", "media", "location", "facility") and \
                any(start <= m.start and m.end <= end for m in e.mentions):
            return e
    return None


def _appositive(span: SpacySpan, type_: str) -> str | None:
    """'Sergei Skripal, a former Russian agent,' / 'the GRU, Russia's military intelligence agency'."""
    root = span.root
    for child in root.children:
        if child.dep_ != "appos" or child.i < span.end or child.pos_ not in ("NOUN",):
            continue
        if type_ != "person" and child.lower_ not in _ORG_NOUNS:
            continue
        words = [t for t in child.subtree if not t.is_punct or t.text in ("’", "'")]
        while words and words[0].dep_ == "det":
            words = words[1:]
        if not words or len(words) > 10 or any(t.pos_ == "VERB" for t in words):
            continue
        return span.doc[words[0].i:words[-1].i + 1].text
    return None


def _premodifier(span: SpacySpan) -> str | None:
    """'former Russian agent Sergei Skripal': lower-case words that describe the name before it."""
    doc = span.doc
    i = span.start - 1
    if i < 0 or doc[i].pos_ != "NOUN" or not doc[i].text.islower():
        return None
    if not (span.start <= doc[i].head.i < span.end and doc[i].dep_ in ("compound", "nmod", "amod", "appos")):
        return None  # the noun must describe the name: "agent Sergei Skripal", not "the loss Eddie"
    j = i
    while j - 1 >= 0 and doc[j - 1].pos_ in ("ADJ", "NOUN", "PROPN", "NUM") and doc[j - 1].dep_ != "poss" \
            and not doc[j - 1].is_space and doc[j - 1].ent_type_ not in ("PERSON", "ORG", "GPE"):
        j -= 1
    text = doc[j:i + 1].text
    return text if len(text.split()) <= 6 else None


@register_step("roles")
def make_roles_step(context: StepContext) -> RolesStep:
    lexicon = context.resource("entity_lexicon", lambda: EntityLexicon.load(context.nlp))
    return RolesStep(lexicon)
