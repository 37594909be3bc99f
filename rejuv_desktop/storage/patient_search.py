"""Search as you type over the patient list, fast at any size.

Results are ranked: family names starting with the first word typed (rank 0), then names with
another word starting with it (rank 1, mostly given names), then the rest (rank 2: date of
birth, phone); alphabetical (``name_key``, then id) within a rank, archived patients after the
others. Every word typed must start a word of the patient's search text.

A first keystroke matches a large share of 100,000 patients, and sorting all the matches to
show the first 200 would cost more than a frame. So no step sorts an unbounded set. Each rank
is read in turn until the page is full:

On PostgreSQL (a clinic server) ranks 1 and 2 are always read by walking the list index.

- Rank 0 comes straight from the list index (``archived, name_key, id`` and the listed
  columns), already in order.
- Ranks 1 and 2 are first counted in FTS5 (``patients_fts`` over the whole search text,
  then ``patients_names_fts`` over the names alone), up to ``CANDIDATE_CAP`` rows. Up to the
  cap, SQLite looks the matches up in the by-id index and sorts them, keeping only the rows
  the page needs (cheap at that size). Past it the rank is unselective, so walking the list
  index in order and keeping the matching rows fills a page after a short walk. The cap
  balances the two: a lookup costs about as much as walking some twenty index entries.
"""

from __future__ import annotations

from rejuv_desktop.domain import patients as dp

LIST_COLUMNS = "p.id, p.given_name, p.family_name, p.date_of_birth, p.phone, p.archived"
CANDIDATE_CAP = 1000
_TOP = chr(0x10FFFF)  # sorts after any character: the end of a prefix range


def fts_query(terms: list[str]) -> str:
    """An FTS5 query where each term is quoted (no syntax from the user) and a prefix."""
    return " ".join('"' + t.replace('"', '""') + '"*' for t in terms)


def _words_start(column: str, terms: list[str], params: dict, name: str = "w") -> str:
    """SQL true when each term starts a word of ``column`` (space-separated folded words)."""
    parts = []
    for i, term in enumerate(terms):
        params[f"{name}{i}"] = " " + term
        parts.append(f"instr(' ' || {column}, :{name}{i}) > 0")
    return " AND ".join(parts) or "1 = 1"


class _Page:
    """Rows collected rank by rank until ``wanted`` (offset + limit) are there."""

    def __init__(self, store, first: str, rest: list[str], archived: tuple[int, ...],
                 wanted: int):
        self.store, self.archived, self.wanted = store, archived, wanted
        self.rows: list[dict] = []
        self.params: dict = {"lo": first, "hi": first + _TOP, "t": " " + first}
        self.rest = _words_start("p.search_text", rest, self.params)

    @property
    def full(self) -> bool:
        return len(self.rows) >= self.wanted

    def walk(self, where: str) -> None:
        """Rows matching ``where``, in list order, from the list index."""
        for value in self.archived:
            if self.full:
                return
            self.rows.extend(self.store.query(
                f"SELECT {LIST_COLUMNS} FROM patients p WHERE p.archived = :archived"
                f" AND {where} AND {self.rest} ORDER BY p.name_key, p.id LIMIT :need",
                {**self.params, "archived": value, "need": self.wanted - len(self.rows)}))

    def few(self, fts_table: str, query: str) -> bool:
        """True when an FTS5 query matches at most ``CANDIDATE_CAP`` rows."""
        return self.store.scalar(
            f"SELECT count(*) FROM (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ?"
            " LIMIT ?)", (query, CANDIDATE_CAP + 1)) <= CANDIDATE_CAP

    def sorted_in(self, fts_table: str, query: str, where: str) -> None:
        """The rows matching an FTS5 query (few: see ``few``) and ``where``, sorted into list
        order by SQLite, which keeps only the rows the page needs while sorting."""
        if self.full:
            return
        params = {**self.params, "fts": query, "need": self.wanted - len(self.rows)}
        params.update({f"a{n}": a for n, a in enumerate(self.archived)})
        self.rows.extend(self.store.query(
            # The by-id index holds every column needed: compact pages, not scattered rows.
            f"SELECT {LIST_COLUMNS} FROM patients p INDEXED BY patients_by_id"
            f" WHERE p.id IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :fts)"
            f" AND p.archived IN ({', '.join(f':a{n}' for n in range(len(self.archived)))})"
            f" AND {where} AND {self.rest} ORDER BY p.archived, p.name_key, p.id LIMIT :need",
            params))


_RANK0 = "p.name_key >= :lo AND p.name_key < :hi"
_RANK1 = f"NOT ({_RANK0}) AND instr(p.name_key, :t) > 0"
_RANK2 = f"NOT ({_RANK0}) AND instr(p.name_key, :t) = 0"


def search(store, query: str, *, include_archived: bool = False, limit: int = 200,
           offset: int = 0) -> list[dict]:
    """Patients matching what was typed, best first (see the module doc), one page."""
    terms = dp.query_terms(query)
    archived = (0, 1) if include_archived else (0,)
    if not terms:
        where = "" if include_archived else "WHERE p.archived = 0"
        return store.query(
            f"SELECT {LIST_COLUMNS} FROM patients p {where}"
            " ORDER BY p.archived, p.name_key, p.id LIMIT ? OFFSET ?", (limit, offset))
    page = _Page(store, terms[0], terms[1:], archived, offset + limit)
    page.walk(_RANK0)
    rank2 = f"{_RANK2} AND instr(' ' || p.search_text, :t) > 0"
    if not page.full and store.engine != "sqlite":
        # No FTS5 on a clinic server: the list index walks give the same ranked rows.
        page.walk(_RANK1)
        page.walk(rank2)
    elif not page.full:
        everything, names = fts_query(terms), fts_query(terms[:1])
        if page.few("patients_fts", everything):  # few matches in all: rank them
            page.sorted_in("patients_fts", everything, _RANK1)
            page.sorted_in("patients_fts", everything, rank2)
        else:
            if page.few("patients_names_fts", names):
                page.sorted_in("patients_names_fts", names, _RANK1)
            else:
                page.walk(_RANK1)
            page.walk(rank2)
    return page.rows[offset:offset + limit]
