"""The words of a protocol in another language: ``resources/text/<lang>/protocols/<procedure>.toml``.

A protocol file says what a procedure is (steps, gates, fields, ranges, schedules) and holds its
words in English, the language the clinic edits it in. Another language's words stand beside
the other content words, keyed by the same ids the protocol uses::

    [procedure]                       title, name, label, recommendation
    [gates]                           consent_signed (the signed-consent gate's name)
    [steps.<step>]                    title, help
    [steps.<step>.items.<item>]       text, help
    [steps.<step>.fields.<field>]     label, help, stop_reason
    [steps.<step>.fields.<field>.choices]   "<stored choice>" = "the words shown"
    [follow_ups.<id>]                 label
    [checks.<id>]                     message
    [dose_limits."<agent>"]           label
    [caution_checks.<question>]       text
    [spacing.<after>]                 reason

Choices are stored as the protocol writes them (records keep the same value whatever the
language); only the words shown change. A text the protocol has and the words file lacks is a
content error naming the file and the key, never English in the middle of a French screen.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from rejuv_desktop.content import ContentFile, when_overrides_change
from rejuv_desktop.content.words import DEFAULT_LANG, load_words
from rejuv_desktop.domain.procedures import Procedure, procedure
from rejuv_desktop.domain.protocols import (CONSENT_GATE, TIME_OUT, Field, Gate, Item, Protocol,
                                            Step)
from rejuv_desktop.errors import ContentError

_PROCEDURE_KEYS = ("title", "name", "label", "recommendation")


def words_name(procedure: str) -> str:
    """The words file's name under ``text/<lang>/``."""
    return f"protocols/{procedure}"


def load_protocol_words(procedure: str, lang: str, path=None) -> ContentFile:
    """The words file of ``procedure`` in ``lang`` (a missing one is a content error)."""
    from rejuv_desktop.content.words import words_path

    where = path or words_path(words_name(procedure), lang)
    if not where.is_file():
        raise ContentError(where, None, f"missing translation: the words of protocol "
                                        f"'{procedure}' in '{lang}' (text/{lang}/protocols/"
                                        f"{procedure}.toml)")
    return load_words(words_name(procedure), lang, where)


class _Words:
    """Reads one words file, naming the file and key of anything missing or misplaced."""

    def __init__(self, cf: ContentFile):
        self.cf = cf

    def table(self, *path: str) -> dict:
        value = self.cf.data
        for part in path:
            value = value.get(part, {}) if isinstance(value, dict) else None
        if not isinstance(value, dict):
            raise self.fail(path, None, "must be a table")
        return value

    def fail(self, path: tuple[str, ...], key: str | None, message: str) -> ContentError:
        header = "[" + ".".join(_quoted(p) for p in path) + "]"
        what = f"{header} '{key}'" if key else header
        return ContentError(self.cf.path, self.cf.line_of(header) or None, f"{what} {message}")

    def text(self, path: tuple[str, ...], key: str, english: str) -> str:
        """The words for ``key`` of the table at ``path``; "" when the protocol has none."""
        if not english:
            return ""
        value = self.table(*path).get(key)
        if value is None:
            header = "[" + ".".join(_quoted(p) for p in path) + "]"
            raise ContentError(self.cf.path, self.cf.line_of(header) or None,
                               f"missing translation: {header} needs '{key}' (the protocol "
                               f"says: {english[:60]!r})")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, key, "must be non-empty text")
        return value


def _quoted(part: str) -> str:
    return part if part.replace("_", "").isalnum() else f'"{part}"'


def procedure_in(declared: Procedure, cf: ContentFile) -> Procedure:
    """The procedure's names in the words file's language."""
    w = _Words(cf)
    names = {k: w.text(("procedure",), k, getattr(declared, k)) for k in _PROCEDURE_KEYS}
    return replace(declared, **names)


def _field(w: _Words, step: str, f: Field, volume, lang: str) -> Field:
    where = ("steps", step, "fields", f.id)
    choices = ()
    if f.choices:
        given = w.table(*where, "choices")
        missing = [c for c in f.choices if not isinstance(given.get(c), str)
                   or not given[c].strip()]
        if missing:
            raise ContentError(w.cf.path, w.cf.line_of(f"[steps.{step}.fields.{f.id}.choices]")
                               or None, f"missing translation: [steps.{step}.fields.{f.id}."
                                        f"choices] needs \"{missing[0]}\"")
        choices = tuple((c, given[c]) for c in f.choices)
    help_text = w.text(where, "help", f.help)
    if "{volume_per_hand}" in help_text and volume:
        help_text = help_text.replace("{volume_per_hand}", f"{volume[0]}–{volume[1]}")
    return replace(f, label=w.text(where, "label", f.label), help=help_text,
                   stop_reason=w.text(where, "stop_reason", f.stop_reason),
                   choice_labels=choices, lang=lang)


def _item(w: _Words, step: str, i: Item) -> Item:
    where = ("steps", step, "items", i.id)
    return replace(i, text=w.text(where, "text", i.text), help=w.text(where, "help", i.help))


def translate(protocol: Protocol, cf: ContentFile) -> Protocol:
    """``protocol`` with every text a person reads taken from the words file ``cf``; a text
    it lacks raises ContentError naming the file and the key."""
    w = _Words(cf)
    lang = str(cf.data.get("lang", DEFAULT_LANG))
    steps: list[Step] = []
    for s in protocol.steps:
        where = ("steps", s.id)
        steps.append(replace(
            s, title=w.text(where, "title", s.title), help=w.text(where, "help", s.help),
            items=tuple(_item(w, s.id, i) for i in s.items),
            fields=tuple(_field(w, s.id, f, protocol.volume_per_hand_ml, lang)
                         for f in s.fields)))
    titles = {s.id: s.title for s in steps}
    consent = w.text(("gates",), CONSENT_GATE, "Signed consent") if any(
        g.kind == "consent" for s in protocol.steps for g in s.requires) else ""
    by_id = {s.id: s for s in steps}

    def gate(g: Gate) -> Gate:
        if g.kind == "consent":
            return replace(g, title=consent)
        if g.kind == "time_out":
            return replace(g, title=titles[TIME_OUT], items=by_id[TIME_OUT].items)
        return replace(g, title=titles.get(g.id, g.title))

    steps = [replace(s, requires=tuple(gate(g) for g in s.requires)) for s in steps]
    return replace(
        protocol, lang=lang, title=w.text(("procedure",), "title", protocol.title),
        steps=tuple(steps),
        follow_ups=tuple(replace(f, label=w.text(("follow_ups", f.id), "label", f.label))
                         for f in protocol.follow_ups),
        checks=tuple(replace(c, message=w.text(("checks", c.id), "message", c.message))
                     for c in protocol.checks),
        dose_limits=tuple(replace(d, label=w.text(("dose_limits", d.agent), "label", d.label))
                          for d in protocol.dose_limits),
        caution_checks=tuple(replace(c, text=w.text(("caution_checks", c.question), "text",
                                                     c.text))
                             for c in protocol.caution_checks),
        spacing=tuple(replace(x, reason=w.text(("spacing", x.after), "reason", x.reason))
                      for x in protocol.spacing))


def protocol_in(protocol: Protocol, lang: str, path=None) -> Protocol:
    """``protocol`` in ``lang`` (English: as its file writes it)."""
    if lang == DEFAULT_LANG:
        return protocol
    return translate(protocol, load_protocol_words(protocol.procedure, lang, path))


@lru_cache(maxsize=None)
def procedure_words(procedure_id: str, lang: str = DEFAULT_LANG) -> Procedure:
    """The procedure's title, name, label and recommendation line in ``lang``; KeyError when
    no protocol declares it."""
    declared = procedure(procedure_id)
    if lang == DEFAULT_LANG:
        return declared
    return procedure_in(declared, load_protocol_words(procedure_id, lang))


@when_overrides_change
def clear_cache() -> None:
    procedure_words.cache_clear()


def visit_label(procedure: str | None, rule_id: str, stored: str, lang: str = DEFAULT_LANG) -> str:
    """A booked visit's name in ``lang``: its protocol rule's label (the visit keeps the
    English it was booked with; a rule the protocol no longer has keeps that)."""
    if lang == DEFAULT_LANG or not procedure or not rule_id:
        return stored
    from rejuv_desktop.domain.protocols import load_protocol

    try:
        rules = load_protocol(procedure, lang=lang).follow_ups
    except (KeyError, ValueError):
        return stored
    return next((r.label for r in rules if r.id == rule_id), stored)


def caution_words(procedure: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """The words of the items a consultation's caution becomes (``[caution_items]`` of the
    protocol words file: caution, unknown, justification)."""
    from rejuv_desktop.domain.session_context import CAUTION_WORDS

    if lang == DEFAULT_LANG:
        return dict(CAUTION_WORDS)
    w = _Words(load_protocol_words(procedure, lang))
    return {key: w.text(("caution_items",), key, english)
            for key, english in CAUTION_WORDS.items()}
