"""The client's experience planted in an evaluation bank's extract (#18): complaints, surveys
and watch-list ratings, which neither bank's generator writes (``complaints.csv`` and
``surveys.csv`` are optional files of the import format, and no generated client is rated onto
a watch list). The golden sets on them (``golden-experience*.jsonl``) run on a bank planted
with exactly these rows, so every expectation there is one of the lines below.

Each bank is planted in its own conventions: the demo bank's statuses in English and a 10-point
survey, Harbour's 受理中 / 已办结 and a 5-point one; its own watch ratings (the bank's
``tiering.yaml`` ``risk_overlay``). A planted client must still be in the book the cases ask
it from — checked here, so a change to a generator fails loudly instead of silently testing
another client.

``python -m evals.banks.experience demo|harbour EXTRACT_DIR`` plants an extract on disk (before
``frontline data import``), for an eval run outside the tests."""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass, field
from pathlib import Path

COMPLAINT_COLUMNS = [
    "complaint_id",
    "client_id",
    "date",
    "channel",
    "category",
    "status",
    "due_date",
    "summary",
    "closed_date",
    "first_contact_resolved",
]
SURVEY_COLUMNS = ["client_id", "date", "score", "scale", "channel", "comment"]


@dataclass(frozen=True)
class Planting:
    """What one bank gets: complaints and surveys (rows of the import format) and watch ratings
    (client → the rating that puts it on the bank's watch list); ``books`` is whose book each
    planted client must be in."""

    complaints: list[dict[str, str]]
    surveys: list[dict[str, str]]
    watch: dict[str, str]
    books: dict[str, str] = field(default_factory=dict)


def _complaint(*values: str) -> dict[str, str]:
    return dict(zip(COMPLAINT_COLUMNS, values, strict=True))


def _survey(*values: str) -> dict[str, str]:
    return dict(zip(SURVEY_COLUMNS, values, strict=True))


# The demo bank, as of 2026-11-01: RM001 (team T01, lead RM004) has an open complaint not yet
# due, an overdue one, a closed one resolved at first contact and a client on the watch list;
# RM002 an open complaint (another book's, for RM001 to be refused) and a closed one that took
# more than one contact; RM005 (retail) an open complaint about a wealth sale and a watched client.
DEMO = Planting(
    complaints=[
        _complaint("TS-2026-0101", "C000103", "2026-10-27", "branch", "服务效率", "processing", "2026-11-05", "对公开户资料反复退回", "", ""),
        _complaint("TS-2026-0088", "C000105", "2026-10-10", "phone", "收费争议", "processing", "2026-10-17", "账户管理费扣收未提前告知", "", ""),
        _complaint("TS-2026-0061", "C000108", "2026-09-02", "branch", "服务态度", "closed", "2026-09-09", "柜面等候时间长", "2026-09-03", "true"),
        _complaint("TS-2026-0093", "C000046", "2026-10-20", "online", "网银故障", "processing", "2026-10-30", "企业网银付款失败", "", ""),
        _complaint("TS-2026-0052", "C000091", "2026-08-18", "phone", "收费争议", "resolved", "2026-08-25", "汇款手续费", "2026-08-29", "false"),
        _complaint("TS-2026-0097", "C000035", "2026-10-24", "branch", "理财销售", "processing", "2026-11-07", "认为购买时风险揭示不充分", "", ""),
    ],
    surveys=[
        # The client's words carry a phone number: shown masked, like a note.
        _survey("C000103", "2026-10-20", "5", "10", "sms", "开户材料被退回三次，请回电13812345678"),
        _survey("C000108", "2026-09-10", "9", "10", "sms", "处理很快，满意"),
        _survey("C000035", "2026-10-26", "3", "10", "phone", "产品说明不清楚"),
    ],
    watch={"C000116": "CCC", "C000132": "关注"},
    books={
        "C000103": "RM001", "C000105": "RM001", "C000108": "RM001", "C000116": "RM001",
        "C000046": "RM002", "C000091": "RM002", "C000035": "RM005", "C000132": "RM005",
    },
)  # fmt: skip

# The Harbour bank, as of 2026-07-01, in its own words: E20452 (GC-CORP, lead E20317) has an
# open complaint not yet due, an overdue one, a closed one resolved at first contact and a 5级
# client; E20518 an open one (another book's); E21113 (retail) an open one and a 关注类 client.
HARBOUR = Planting(
    complaints=[
        _complaint("HB-TS-7001", "KH2018000214", "2026-06-22", "网点", "服务效率", "受理中", "2026-07-06", "回单柜对账单延迟", "", ""),
        _complaint("HB-TS-6988", "KH2013000519", "2026-06-05", "电话", "收费", "受理中", "2026-06-19", "结算手续费未提前告知", "", ""),
        _complaint("HB-TS-6920", "KH2021000377", "2026-05-11", "网点", "服务态度", "已办结", "2026-05-18", "柜面等候时间长", "2026-05-12", "true"),
        _complaint("HB-TS-7010", "KH2012000045", "2026-06-25", "线上", "网银故障", "受理中", "2026-07-03", "企业网银付款失败", "", ""),
        _complaint("HB-TS-7004", "KH2014000066", "2026-06-24", "网点", "理财销售", "受理中", "2026-07-08", "认为购买时风险揭示不充分", "", ""),
    ],
    surveys=[
        _survey("KH2018000214", "2026-06-15", "2", "5", "短信", "对账单总是晚到，联系13912345678"),
        _survey("KH2021000377", "2026-05-20", "5", "5", "短信", "处理及时"),
        _survey("KH2014000066", "2026-06-26", "1", "5", "电话", "产品说明不清楚"),
    ],
    watch={"KH2014000538": "5级", "KH2010000012": "关注类"},
    books={
        "KH2018000214": "E20452", "KH2013000519": "E20452", "KH2021000377": "E20452",
        "KH2014000538": "E20452", "KH2012000045": "E20518", "KH2014000066": "E21113",
        "KH2010000012": "E21113",
    },
)  # fmt: skip

PLANTINGS = {"demo": DEMO, "harbour": HARBOUR}


def plant(extract: Path, planting: Planting) -> None:
    """Write the planting into the extract at ``extract``: complaints.csv and surveys.csv (added
    to what is there), the watch ratings into clients.csv. Refuses an extract whose books differ
    from the planting's (ValueError naming the client id's last four characters)."""
    path = extract / "clients.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns, clients = list(reader.fieldnames or []), list(reader)
    owner = {c["client_id"]: c["rm_id"] for c in clients}
    for client_id, rm_id in planting.books.items():
        if owner.get(client_id) != rm_id:
            raise ValueError(f"planted client …{client_id[-4:]} is not in {rm_id}'s book here")
    for row in clients:
        row["risk_rating"] = planting.watch.get(row["client_id"], row["risk_rating"])
    _write(path, columns, clients)
    for name, ours, rows in (
        ("complaints.csv", COMPLAINT_COLUMNS, planting.complaints),
        ("surveys.csv", SURVEY_COLUMNS, planting.surveys),
    ):
        columns, there = _existing(extract / name)
        _write(extract / name, columns + [c for c in ours if c not in columns], there + rows)


def _existing(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A file already in the extract, kept whole (its own columns too)."""
    if not path.exists():
        return [], []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m evals.banks.experience", description=__doc__)
    parser.add_argument("bank", choices=sorted(PLANTINGS))
    parser.add_argument("extract", type=Path, help="the extract directory to plant into")
    args = parser.parse_args(argv)
    planting = PLANTINGS[args.bank]
    plant(args.extract, planting)
    print(
        f"planted {args.extract}: {len(planting.complaints)} complaints, "
        f"{len(planting.surveys)} surveys, {len(planting.watch)} watch ratings"
    )


if __name__ == "__main__":
    main()
