"""Clinical photographs, the rules: the standard views, which are due when, consent per use.

Pure Python. The views are content (``resources/photos/views.toml``), the schedule is the
``[[photos]]`` section of each procedure's protocol file. Consent is judged from the events
recorded (a signed consent form's answer, a consent or refusal recorded in the app, a
withdrawal): the newest event wins, and a withdrawal blocks every later use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache

from rejuv_desktop.content import ContentFile, load_toml

USES = ("clinical_record", "teaching", "marketing")
"""Uses of a photograph a patient consents to: the clinical record (per patient, needed to take
any photo), teaching and marketing (per photograph, with an expiry)."""

PER_PHOTO_USES = ("teaching", "marketing")
WHEN = ("baseline", "after_session", "end_of_course", "each_review")
LANGUAGES = ("en",)


@dataclass(frozen=True)
class View:
    """A standard view: its id, texts per language, and whether the grading is read from it."""

    id: str
    title: dict[str, str]
    instructions: dict[str, str]
    graded: bool = False
    optional: bool = False

    def text(self, lang: str = "en") -> tuple[str, str]:
        """(title, instructions) in ``lang`` (English when the file has no such language)."""
        return (self.title.get(lang) or self.title["en"],
                self.instructions.get(lang) or self.instructions["en"])


@dataclass(frozen=True)
class PhotoRule:
    """Which views are due on an occasion of a procedure."""

    when: str
    views: tuple[str, ...]
    session: int | None = None
    visits: tuple[str, ...] = ()  # each_review: only these follow-up ids (empty: every one)


def _texts(cf: ContentFile, view_id: str, t: dict, key: str) -> dict[str, str]:
    value = t.get(key)
    if not isinstance(value, dict) or not isinstance(value.get("en"), str) \
            or not value["en"].strip():
        raise cf.error(f"view '{view_id}': '{key}' needs its English text "
                       f"({key} = {{ en = \"...\" }})", f'id = "{view_id}"')
    return {lang: str(text) for lang, text in value.items()}


def read_views(cf: ContentFile) -> tuple[View, ...]:
    """The views of a views file, checked (an error names the file and line)."""
    raw = cf.data.get("views")
    if not isinstance(raw, list) or not raw:
        raise cf.error("a views file needs at least one [[views]] table")
    views, seen = [], set()
    for t in raw:
        vid = t.get("id")
        if not isinstance(vid, str) or not vid:
            raise cf.error("every view needs an id", "[[views]]")
        if vid in seen:
            raise cf.error(f"duplicate view id '{vid}'", f'id = "{vid}"')
        unknown = set(t) - {"id", "title", "instructions", "graded", "optional"}
        if unknown:
            raise cf.error(f"view '{vid}': unknown key '{sorted(unknown)[0]}'", sorted(unknown)[0])
        seen.add(vid)
        views.append(View(vid, _texts(cf, vid, t, "title"), _texts(cf, vid, t, "instructions"),
                          bool(t.get("graded", False)), bool(t.get("optional", False))))
    return tuple(views)


@lru_cache(maxsize=1)
def load_views() -> tuple[View, ...]:
    return read_views(load_toml("photos/views.toml"))


def view_ids() -> tuple[str, ...]:
    return tuple(v.id for v in load_views())


def get_view(view_id: str) -> View | None:
    return next((v for v in load_views() if v.id == view_id), None)


def read_schedule(cf: ContentFile, known_views: tuple[str, ...]) -> tuple[PhotoRule, ...]:
    """The ``[[photos]]`` section of a protocol file (absent: no photographs are due)."""
    rules = []
    for t in cf.data.get("photos", []):
        when = t.get("when")
        if when not in WHEN:
            raise cf.error(f"photos: 'when' must be one of: {', '.join(WHEN)}", "when =")
        unknown = set(t) - {"when", "views", "session", "visits", "note"}
        if unknown:
            raise cf.error(f"photos: unknown key '{sorted(unknown)[0]}'", sorted(unknown)[0])
        views = t.get("views")
        if not isinstance(views, list) or not views:
            raise cf.error("photos: 'views' must list at least one view", "views =")
        for v in views:
            if v not in known_views:
                raise cf.error(f"photos: unknown view '{v}' (see photos/views.toml)", str(v))
        session = t.get("session")
        if when == "after_session" and (type(session) is not int or session < 1):
            raise cf.error("photos: 'after_session' needs session = N (1 or more)", "when =")
        visits = t.get("visits", [])
        if not isinstance(visits, list) or not all(isinstance(v, str) for v in visits):
            raise cf.error("photos: 'visits' must list follow-up ids", "visits =")
        rules.append(PhotoRule(when, tuple(views), session, tuple(visits)))
    return tuple(rules)


@lru_cache(maxsize=8)
def load_schedule(procedure: str) -> tuple[PhotoRule, ...]:
    """The photographs a procedure's protocol asks for, and when."""
    return read_schedule(load_toml(f"protocols/{procedure}.toml"), view_ids())


# -- what is due ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Occasion:
    """A moment photographs are due: ``kind`` is a ``WHEN`` value, ``ref`` the session or
    follow-up it belongs to (None for the baseline), ``day`` its date when known."""

    kind: str
    procedure: str
    views: tuple[str, ...]
    session_id: int | None = None
    follow_up_id: int | None = None
    session_number: int | None = None
    day: date | None = None
    missing: tuple[str, ...] = ()
    label: str = ""  # the visit's name, from the protocol file


def occasions(procedure: str, rules: tuple[PhotoRule, ...], sessions: list[dict],
              follow_ups: list[dict]) -> list[Occasion]:
    """The occasions of one plan's procedure: baseline (at its first session), a numbered
    session, the last session of the series, each review or maintenance visit."""
    found: list[Occasion] = []
    series = [s for s in sessions if s["procedure"] == procedure and not s["maintenance"]]
    first = series[0] if series else None
    for rule in rules:
        if rule.when == "baseline":
            found.append(Occasion("baseline", procedure, rule.views,
                                  first["id"] if first else None, None, 1 if first else None,
                                  _day(first["session_date"]) if first else None))
        elif rule.when == "after_session":
            for s in series:
                if s["session_number"] == rule.session:
                    found.append(Occasion("after_session", procedure, rule.views, s["id"], None,
                                          s["session_number"], _day(s["session_date"])))
        elif rule.when == "end_of_course":
            for s in series:
                if s["session_number"] == s["series_length"] and s["series_length"] > 1:
                    found.append(Occasion("end_of_course", procedure, rule.views, s["id"], None,
                                          s["session_number"], _day(s["session_date"])))
        elif rule.when == "each_review":
            own = {s["id"] for s in sessions if s["procedure"] == procedure}
            for f in follow_ups:
                if f["kind"] in ("review", "maintenance") and f["session_id"] in own \
                        and f["status"] in ("due", "done") \
                        and (not rule.visits or f["rule_id"] in rule.visits):
                    found.append(Occasion("each_review", procedure, rule.views, None, f["id"],
                                          None, _day(f.get("visit_date") or f["due_from"]),
                                          label=f.get("label") or ""))
    return found


def _day(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def with_missing(occasion: Occasion, photos: list[dict]) -> Occasion:
    """The occasion with the views not yet photographed for it. A baseline photo is any photo
    of that view taken on or before the first session's day (or, before any session, any)."""
    taken: set[str] = set()
    for p in photos:
        if p.get("archived_at"):
            continue
        if occasion.kind == "baseline":
            day = _day(p["taken_at"])
            if occasion.day is None or (day is not None and day <= occasion.day):
                taken.add(p["view"])
        elif occasion.session_id is not None and p.get("session_id") == occasion.session_id or occasion.follow_up_id is not None and p.get("follow_up_id") == occasion.follow_up_id:
            taken.add(p["view"])
    return replace(occasion, missing=tuple(v for v in occasion.views if v not in taken))


# -- consent -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConsentEvent:
    """One recorded answer: granted or not, when, until when, and whether it was withdrawn."""

    at: datetime
    granted: bool
    source: str  # "form" (a signed consent form) or "app"
    consent_id: int | None = None
    expires_on: date | None = None
    withdrawn_at: datetime | None = None


@dataclass(frozen=True)
class ConsentState:
    """Whether a use is allowed now, and why (a code the UI words)."""

    allowed: bool
    reason: str  # "granted", "refused", "withdrawn", "expired", "not_asked"
    event: ConsentEvent | None = None
    history: tuple[ConsentEvent, ...] = field(default_factory=tuple)


def consent_state(events: list[ConsentEvent], today: date) -> ConsentState:
    """The newest event decides. A withdrawal counts as a refusal from its moment on."""
    timeline: list[tuple[datetime, bool, str, ConsentEvent]] = []
    for e in events:
        timeline.append((e.at, e.granted, "granted" if e.granted else "refused", e))
        if e.withdrawn_at is not None:
            timeline.append((e.withdrawn_at, False, "withdrawn", e))
    if not timeline:
        return ConsentState(False, "not_asked", None, tuple(events))
    timeline.sort(key=lambda t: t[0])
    _at, granted, reason, event = timeline[-1]
    if granted and event.expires_on is not None and event.expires_on < today:
        return ConsentState(False, "expired", event, tuple(events))
    return ConsentState(granted, reason, event, tuple(events))


def merz_grades(assessments: list[dict], on: date | None) -> dict:
    """The Merz grade of each hand as last graded on or before ``on`` (at a consultation or a
    follow-up visit; ``assessments``: dicts with ``side``, ``grade`` and ``assessed_at``,
    oldest first), with the day of that grading under ``"graded_on"``."""
    found: dict = {"left": None, "right": None, "graded_on": None}
    for a in assessments:
        day = _day(a["assessed_at"])
        if a["side"] in ("left", "right") and (on is None or (day is not None and day <= on)):
            found[a["side"]] = a["grade"]
            found["graded_on"] = day
    return found
