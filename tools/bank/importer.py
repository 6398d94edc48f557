"""Validate and load a bank extract (DESIGN §4.3) — all of it, or none of it.

Validation collects every problem as ``file:line:column: message`` before anything touches the
database; loading replaces the bank tables inside one transaction, so a re-import of the same
extract is a no-op (same content hash) and a newer extract replaces the old snapshot atomically.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.errors import ImportValidationError, UserError
from assistant.storage.db import transaction
from tools.bank import models as m
from tools.bank.identifiers import partial
from tools.bank.meta import ExtractMeta
from tools.bank.rows import FILES, IDENTIFIER_COLUMNS, OPTIONAL_FILES, Row, required_columns

MAX_PROBLEMS = 200  # past this, more lines of the same mistake help nobody


@dataclass
class Extract:
    """A validated extract: row models per file, plus its content hash."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    digest: str = ""

    def counts(self) -> dict[str, int]:
        return {name.removesuffix(".csv"): len(rows) for name, rows in self.rows.items()}


@dataclass
class ImportResult:
    counts: dict[str, int]
    digest: str
    unchanged: bool


class _Problems(list[str]):
    def add(self, file: str, line: int, column: int, message: str) -> None:
        if len(self) < MAX_PROBLEMS:
            self.append(f"{file}:{line}:{column}: {message}")


def _friendly(err: ErrorDetails, column: str) -> str:
    kind, msg = err["type"], err["msg"]
    shown = _shown(err["input"], column)
    if kind == "greater_than_equal":
        return "must not be negative"
    if kind == "literal_error":
        return f"bad value {shown}: expected {msg.removeprefix('Input should be ')}"
    if kind == "missing" or kind == "string_too_short":
        return "required value is empty"
    if kind == "string_pattern_mismatch":
        return f"bad month {shown}: expected YYYY-MM"
    if kind == "value_error":
        return f"{msg.removeprefix('Value error, ')} ({shown})"
    return f"{msg} ({shown})"


def _shown(value: object, column: str) -> str:
    """How a bad cell is quoted: identifiers only in a partial form (a terminal, a CI log or a
    ticket must never carry a full ID), everything else as it was."""
    if column in IDENTIFIER_COLUMNS and isinstance(value, str):
        return repr(partial(value))
    return repr(value)


def _read_rows(path: Path, model: type[Row], problems: _Problems) -> Iterator[tuple[int, Row]]:
    name = path.name
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        problems.add(name, 0, 0, f"cannot open: {exc.strerror}")
        return
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
        except UnicodeDecodeError:
            problems.add(name, 1, 1, "not UTF-8 text")
            return
        missing = [c for c in required_columns(model) if c not in header]
        for col in missing:
            problems.add(name, 1, len(header) + 1, f"missing required column {col!r}")
        if missing:
            return
        position = {col: i + 1 for i, col in enumerate(header)}
        try:
            for raw in reader:
                if None in raw:
                    problems.add(
                        name, reader.line_num, len(header) + 1, "more values than header columns"
                    )
                    continue
                try:
                    yield reader.line_num, model.model_validate(raw)
                except ValidationError as exc:
                    for err in exc.errors():
                        col = str(err["loc"][0]) if err["loc"] else ""
                        problems.add(
                            name,
                            reader.line_num,
                            position.get(col, 1),
                            f"{col}: {_friendly(err, col)}",
                        )
        except UnicodeDecodeError:
            problems.add(name, reader.line_num + 1, 1, "not UTF-8 text")
        except csv.Error as exc:
            problems.add(name, reader.line_num, 1, f"malformed CSV: {exc}")


def _digest(directory: Path) -> str:
    h = hashlib.sha256()
    for name in FILES:
        path = directory / name
        h.update(name.encode())
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()


def validate_extract(directory: Path) -> Extract:
    """Read and check every file; raise ImportValidationError listing every problem."""
    if not directory.is_dir():
        raise UserError(f"{directory}: not a directory")
    problems = _Problems()
    extract = Extract(digest=_digest(directory))
    lines: dict[str, list[int]] = {}
    for name, model in FILES.items():
        path = directory / name
        if not path.exists():
            if name not in OPTIONAL_FILES:
                problems.add(name, 0, 0, "file is missing from the extract")
            continue
        pairs = list(_read_rows(path, model, problems))
        lines[name] = [n for n, _ in pairs]
        extract.rows[name] = [row for _, row in pairs]
    if not problems:
        _cross_check(extract, lines, problems)
    if problems:
        raise ImportValidationError(list(problems))
    return extract


def _cross_check(extract: Extract, lines: dict[str, list[int]], problems: _Problems) -> None:
    """Rules that need more than one row: uniqueness and references between files."""
    rows = extract.rows
    rm_ids = _unique(rows["rms.csv"], "rm_id", lines["rms.csv"], "rms.csv", problems)
    client_ids = _unique(
        rows["clients.csv"], "client_id", lines["clients.csv"], "clients.csv", problems
    )
    codes = _unique(
        rows["products.csv"], "product_code", lines["products.csv"], "products.csv", problems
    )
    refs = {
        "rm_id": (rm_ids, "RM"),
        "client_id": (client_ids, "client"),
        "product_code": (codes, "product"),
    }
    if "complaints.csv" in rows:
        _unique(
            rows["complaints.csv"],
            "complaint_id",
            lines["complaints.csv"],
            "complaints.csv",
            problems,
        )
    for name in ("clients.csv", "contacts.csv", "holdings.csv", "balances.csv", "interactions.csv",
                 "complaints.csv", "surveys.csv", "relationships.csv"):  # fmt: skip
        if name not in rows:
            continue  # an optional file left out
        header = list(FILES[name].model_fields)
        for line, row in zip(lines[name], rows[name], strict=True):
            for col, (known, what) in refs.items():
                value = getattr(row, col, None)
                if value is not None and col in header and value not in known:
                    problems.add(
                        name, line, header.index(col) + 1, f"{col}: unknown {what} {value!r}"
                    )
    _unique_pairs(rows["balances.csv"], lines["balances.csv"], problems)
    if "relationships.csv" in rows:
        _check_relationships(
            rows["relationships.csv"], lines["relationships.csv"], client_ids, problems
        )


def _check_relationships(
    rows: list[Row], lines: list[int], client_ids: set[str], problems: _Problems
) -> None:
    """The related client must be known, not the client itself, and each link said once
    (either way round: A household B is B household A)."""
    seen: dict[tuple[str, frozenset[str]], int] = {}
    for line, row in zip(lines, rows, strict=True):
        a, b = row.client_id, row.related_client_id  # type: ignore[attr-defined]
        if b not in client_ids:
            problems.add("relationships.csv", line, 2, f"related_client_id: unknown client {b!r}")
        elif a == b:
            problems.add("relationships.csv", line, 2, "related_client_id: the client itself")
        key = (row.relation, frozenset((a, b)))  # type: ignore[attr-defined]
        if key in seen:
            problems.add(
                "relationships.csv", line, 1, f"duplicate link (first on line {seen[key]})"
            )
        else:
            seen[key] = line


def _unique(
    rows: list[Row], key: str, lines: list[int], name: str, problems: _Problems
) -> set[str]:
    seen: dict[str, int] = {}
    column = list(FILES[name].model_fields).index(key) + 1
    for line, row in zip(lines, rows, strict=True):
        value = getattr(row, key)
        if value in seen:
            problems.add(
                name, line, column, f"duplicate {key} {value!r} (first on line {seen[value]})"
            )
        else:
            seen[value] = line
    return set(seen)


def _unique_pairs(rows: list[Row], lines: list[int], problems: _Problems) -> None:
    seen: dict[tuple[str, str], int] = {}
    for line, row in zip(lines, rows, strict=True):
        key = (row.client_id, row.month)  # type: ignore[attr-defined]
        if key in seen:
            problems.add(
                "balances.csv",
                line,
                2,
                f"duplicate month {key[1]} for {key[0]} (first on line {seen[key]})",
            )
        else:
            seen[key] = line


def load_extract(factory: sessionmaker[Session], extract: Extract) -> ImportResult:
    """Replace the bank tables with the extract in one transaction; skip an identical re-import."""
    with transaction(factory) as session:
        meta = session.scalar(select(ExtractMeta).where(ExtractMeta.id == 1))
        if meta is not None and meta.digest == extract.digest:
            return ImportResult(extract.counts(), extract.digest, unchanged=True)
        for table in reversed(m.BANK_TABLES):
            session.execute(delete(table))
        _insert_all(session, extract)
        if meta is None:
            session.add(
                ExtractMeta.from_extract(
                    extract.digest, extract.rows["balances.csv"], extract.counts()
                )
            )
        else:
            meta.update_from(extract.digest, extract.rows["balances.csv"], extract.counts())
    return ImportResult(extract.counts(), extract.digest, unchanged=False)


def _insert_all(session: Session, extract: Extract) -> None:
    rows = extract.rows
    teams = {r.team_id: r.branch for r in rows["rms.csv"]}  # type: ignore[attr-defined]
    session.execute(
        insert(m.Team.__table__),  # type: ignore[arg-type]  # stubs: __table__ is a FromClause
        [{"team_id": t, "branch": b} for t, b in sorted(teams.items())],
    )
    targets = {
        "rms.csv": m.RM,
        "clients.csv": m.Client,
        "contacts.csv": m.Contact,
        "products.csv": m.Product,
        "holdings.csv": m.Holding,
        "balances.csv": m.MonthlyBalance,
        "interactions.csv": m.Interaction,
        "complaints.csv": m.Complaint,
        "surveys.csv": m.Survey,
        "relationships.csv": m.Relationship,
    }
    for name, table in targets.items():
        if name not in rows:
            continue  # an optional file left out
        columns = set(table.__table__.columns.keys())
        # Validated columns with no column of their own (consent, opt-out) go to attributes.
        fields = [f for f in FILES[name].model_fields if f in columns]
        kept = [f for f in FILES[name].model_fields if f not in columns]
        records = [_record(row, fields, kept) for row in rows[name]]
        core_table = table.__table__  # Core executemany: no per-row ORM bookkeeping
        for start in range(0, len(records), 5000):
            session.execute(
                insert(core_table),  # type: ignore[arg-type]  # as above
                records[start : start + 5000],
            )


def _record(row: Row, fields: list[str], kept: Sequence[str] = ()) -> dict:
    record = {f: getattr(row, f) for f in fields}
    said = {f: getattr(row, f) for f in kept if getattr(row, f) is not None}
    record["attributes"] = row.extras() | said
    return record


def import_extract(factory: sessionmaker[Session], directory: Path) -> ImportResult:
    return load_extract(factory, validate_extract(directory))
