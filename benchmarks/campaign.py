"""A 500-client campaign drafted and checked (#18), on SQLite.

.venv/bin/python benchmarks/campaign.py [--runs 3]

Generates and imports the demo bank in a temp home, warms up as ``frontline serve`` does, then
drafts a WeChat campaign to the whole book of the demo's largest team (lead RM020: 500
clients): per client the draft, the conduct check and the contact policy, the names tokenised,
the campaign recorded. Then the XLSX export of it. Target: ≤ 10 s for the draft.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant.campaigns import CampaignRequest
from assistant.config import load_settings
from assistant.wiring import Frontline
from testkit.embeddings import HashingEmbeddings
from tools.bank.demo import generate_demo_bank
from tools.bank.importer import import_extract

LEAD = "RM020"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    home = Path(tempfile.mkdtemp(prefix="frontline-campaign-bench-"))
    fl = Frontline(
        load_settings(_env_file=None, home=home, today="extract"), embedder=HashingEmbeddings()
    )
    generate_demo_bank(home / "demo")
    import_extract(fl.sessions, home / "demo")
    fl.after_import()
    desk = fl.campaign_desk
    body = CampaignRequest(
        segment={},
        channel="wechat",
        purpose="product_intro",
        points=["诚邀您参加12月18日的财富讲座"],
    )
    t0 = time.perf_counter()
    desk.draft_now(LEAD, CampaignRequest(segment={"tier": "core"}), "bench")  # warm-up
    warm = time.perf_counter() - t0
    drafts, exports, clients = [], [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        summary = desk.draft_now(LEAD, body, "bench")
        drafts.append(time.perf_counter() - t0)
        clients = summary.matched
        t0 = time.perf_counter()
        desk.export_now(LEAD, summary.campaign_id, "xlsx", "zh", "bench")
        exports.append(time.perf_counter() - t0)
    print("| step | clients | median s | max s |\n|---|---|---|---|")
    print(f"| warm-up (privacy models, first small campaign) | | {warm:.2f} | |")
    print(
        f"| draft + check + record | {clients} | {statistics.median(drafts):.2f} | {max(drafts):.2f} |"
    )
    print(f"| XLSX export | {clients} | {statistics.median(exports):.2f} | {max(exports):.2f} |")
    fl.close()


if __name__ == "__main__":
    main()
