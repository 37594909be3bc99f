"""Importing patients from a CSV file: our own columns, or another system's export."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.storage import patients as patients_repo

# Synthea's export: which of its columns become which of ours. Columns not named here are
# listed in the result as not imported, never dropped silently.
_SYNTHEA_USED = {"FIRST", "LAST", "BIRTHDATE", "DEATHDATE", "GENDER", "ADDRESS", "CITY",
                 "COUNTY", "ZIP"}
FORMATS = ("rejuv", "synthea")


@dataclass
class RowProblem:
    line: int
    message: str


@dataclass
class ImportResult:
    imported: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _synthea_row(row: dict) -> tuple[dict | None, str | None]:
    """Map a Synthea row to our fields; (None, reason) for a row that must not come in."""
    if (row.get("DEATHDATE") or "").strip():
        return None, "the patient is recorded as deceased"
    # Synthea appends digits to generated names (Marcell728): they are not part of the name.
    strip = lambda s: re.sub(r"\d+$", "", (s or "").strip())  # noqa: E731
    sex = {"F": "female", "M": "male"}.get((row.get("GENDER") or "").strip().upper(), "")
    address = ", ".join(p.strip() for p in (row.get("ADDRESS"), row.get("CITY"),
                                            row.get("COUNTY"), row.get("ZIP")) if p and p.strip())
    return {"given_name": strip(row.get("FIRST")), "family_name": strip(row.get("LAST")),
            "date_of_birth": (row.get("BIRTHDATE") or "").strip(), "sex": sex,
            "address": address}, None


def read_csv(data: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """Header and (line number, row) pairs of a UTF-8 CSV, with or without a BOM."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"The file is not UTF-8 text (byte {exc.start} cannot be read). "
                        "Save it as 'CSV UTF-8' and try again.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        rows = []
        last_end = reader.line_num  # the line before the record being read
        for row in reader:
            last_end = reader.line_num
            if None in row:
                rows.append((reader.line_num, {"__extra__": row[None]}))
                continue
            if not any((v or "").strip() for v in row.values()):
                continue
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UserError(
                f"Line {last_end + 1}: a value is longer than {csv.field_size_limit():,} "
                "characters, more than any patient field may hold. Often a quotation mark is "
                "never closed, so the rest of the file reads as one value: check the quotes "
                "from that line on. Nothing was imported.") from None
        raise UserError(f"Line {last_end + 1}: the file cannot be read as CSV ({exc}). "
                        "Nothing was imported.") from None
    return header, rows


def _looks_like_a_row(header: list[str], line: str) -> bool:
    """A line inside a value that reads as a row of its own: as many values as the header
    (give or take the last), or the required names and a date of birth in their columns."""
    values = next(csv.reader([line]), [])
    if len(header) >= 3 and len(values) >= len(header) - 1:
        return True
    row = dict(zip(header, (v.strip() for v in values)))
    if not all(row.get(f) for f in dp.REQUIRED):
        return False
    try:
        dp.parse_date(row["date_of_birth"])
    except (ValueError, ValidationError, UserError):
        return False
    return True


def swallowed_rows(header: list[str], line: int, row: dict) -> RowProblem | None:
    """A stray quotation mark makes the CSV reader take the following lines into one value
    (three patients read as one patient's notes). A value with a line break whose next lines
    look like rows of their own is that mistake, named by the line where the quote opened."""
    if len(header) < 2:
        return None
    for column, value in row.items():
        if not isinstance(value, str) or "\n" not in value:
            continue
        continuation = [ln for ln in value.replace("\r\n", "\n").split("\n")[1:] if ln.strip()]
        looks_like_rows = [ln for ln in continuation if _looks_like_a_row(header, ln)]
        if looks_like_rows:
            first = line - sum(v.count("\n") for v in row.values() if isinstance(v, str))
            return RowProblem(first, (
                f"a quotation mark in {column.replace('_', ' ')} is not closed where the row "
                f"ends, so lines {first}-{line} would be read as one patient "
                f"({len(looks_like_rows)} line(s) that look like rows of their own). Check the "
                'quotes on line ' + str(first) + ': a quote inside a value is written twice ("").'))
    return None


def import_patients(store, path: Path | str, *, fmt: str = "rejuv",
                    skip_invalid: bool = False) -> ImportResult:
    """Import patients from a CSV file.

    All or nothing by default: one bad row and nothing is imported, every problem listed with
    its line number. With ``skip_invalid`` the good rows come in and the rest are listed.
    """
    if fmt not in FORMATS:
        raise UserError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}") from None
    header, rows = read_csv(data)
    result = ImportResult()
    if not header:
        raise UserError(f"{path} is empty: the first line must name the columns.")
    if fmt == "rejuv":
        unknown = [h for h in header if h not in dp.FIELDS]
        if unknown:
            raise UserError(
                f"Unknown column(s) {', '.join(unknown)}. The columns can be: "
                f"{', '.join(dp.FIELDS)}. (For an export from another system, use --format.)")
        missing = [f for f in dp.REQUIRED if f not in header]
        if missing:
            raise UserError(f"Missing required column(s): {', '.join(missing)}")
    else:
        result.ignored_columns = [h for h in header if h not in _SYNTHEA_USED and h != "Id"]
    today = store.clock().date()
    good: list[tuple[int, dict]] = []
    seen: dict[tuple, int] = {}
    for line, row in rows:
        if "__extra__" in row:
            result.problems.append(RowProblem(line, "more values than there are columns"))
            continue
        swallowed = swallowed_rows(header, line, row)
        if swallowed:
            result.problems.append(swallowed)
            continue
        if fmt == "synthea":
            mapped, reason = _synthea_row(row)
            if mapped is None:
                result.skipped.append(RowProblem(line, f"not imported: {reason}"))
                continue
            row = mapped
        else:
            row = {k: (v if v is not None else "") for k, v in row.items()}
        try:
            clean = dp.validate_patient(row, today)
        except ValidationError as exc:
            msg = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in exc.errors.items())
            result.problems.append(RowProblem(line, msg))
            continue
        for w in dp.patient_warnings(clean, today):
            result.warnings.append(RowProblem(line, w.message))
        key = (clean["given_name"].casefold(), clean["family_name"].casefold(),
               clean["date_of_birth"])
        if key in seen:
            result.warnings.append(RowProblem(line, f"same patient as line {seen[key]}"))
        seen.setdefault(key, line)
        if patients_repo.find_same(store, clean["given_name"], clean["family_name"],
                          clean["date_of_birth"]):
            result.warnings.append(RowProblem(line, "a patient with the same names and date "
                                                    "of birth is already in the database"))
        good.append((line, clean))
    if result.problems and not skip_invalid:
        return result
    with store.write():
        for _line, clean in good:
            patients_repo.insert(store, clean)
    result.imported = len(good)
    return result
