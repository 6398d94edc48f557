"""One demo bank for the package, with consent columns, an opt-out and an open complaint
planted in its extract (the contact policy's chat and campaign tests read the same bank)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.wiring import Frontline
from knowledge.ingest import default_playbook_dir
from testkit.demo import demo_extract
from testkit.embeddings import HashingEmbeddings
from testkit.settings import make_settings
from tools.bank.importer import import_extract

RM = "RM001"
REFUSED = "C000029"  # 华东精密机械: marketing_consent false
NO_SMS = "C001941"  # 上海星旭生物: opted out of SMS marketing
EMPLOYER_RM = "RM002"  # whose last corporate client employs a retail client of STAFF_RM's
STAFF_RM = "RM013"  # 杭州: a retail book


def _with_consent(extract: Path) -> str:
    """Consent columns and one open complaint added to the extract; the complaining client."""
    path = extract / "clients.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    complaining = min(
        r["client_id"]
        for r in rows
        if r["rm_id"] == RM
        and r["client_type"] == "corporate"
        and r["client_id"] not in (REFUSED, NO_SMS)
    )
    with (extract / "complaints.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("complaint_id,client_id,date,channel,category,status,due_date,summary\n")
        fh.write(f"TS-1,{complaining},2026-10-28,branch,服务效率,处理中,2026-11-04,等候时间过长\n")
    with (extract / "surveys.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("client_id,date,score,scale,channel,comment\n")  # its words carry a phone number
        fh.write(f"{complaining},2026-10-12,6,10,sms,办业务等了一个小时，回电13812345678\n")
    _with_relationship(extract, rows)
    for row in rows:
        row["marketing_consent"] = "false" if row["client_id"] == REFUSED else ""
        row["opt_out_channels"] = "sms" if row["client_id"] == NO_SMS else ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return complaining


def _with_relationship(extract: Path, clients: list[dict]) -> None:
    """relationships.csv: RM002's last corporate client employs, as a non-primary contact's
    title, a retail client of STAFF_RM's (referring that contact goes to them)."""
    with (extract / "contacts.csv").open(encoding="utf-8", newline="") as fh:
        contacts = list(csv.DictReader(fh))
    titled = {c["client_id"]: c["title"] for c in contacts if c["is_primary"] != "true"}
    employer = max(
        r["client_id"] for r in clients
        if r["rm_id"] == EMPLOYER_RM and r["client_type"] == "corporate" and r["client_id"] in titled
    )  # fmt: skip
    staff = min(
        r["client_id"] for r in clients if r["rm_id"] == STAFF_RM and r["client_type"] == "retail"
    )
    with (extract / "relationships.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("client_id,related_client_id,relation,role\n")
        fh.write(f"{employer},{staff},employer,{titled[employer]}\n")


@pytest.fixture(scope="package")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    home = tmp_path_factory.mktemp("contact-chat")
    frontline = Frontline(make_settings(home), embedder=HashingEmbeddings())
    extract = demo_extract(home / "demo")
    frontline.complaining = _with_consent(extract)  # type: ignore[attr-defined]
    frontline.extract_dir = extract  # type: ignore[attr-defined]
    import_extract(frontline.sessions, extract)
    frontline.after_import()
    frontline.ingestor.progress = False
    frontline.ingestor.ingest([default_playbook_dir()])
    yield frontline
    frontline.close()
