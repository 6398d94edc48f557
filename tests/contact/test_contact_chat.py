"""The contact policy in chat, on the demo bank with consent columns added to its extract: a
marketing draft to a client who refused marketing is held back (not written, the reason and the
playbook said, refused), an opt-out holds only its channel, and a service message to the same
client is written."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.types import Answer, Turn
from assistant.wiring import Frontline
from knowledge.ingest import default_playbook_dir
from testkit.demo import demo_extract
from testkit.embeddings import HashingEmbeddings
from testkit.settings import make_settings
from tools.bank.importer import import_extract

pytestmark = pytest.mark.slow  # imports the full demo bank with its playbooks

RM = "RM001"
REFUSED = "C000029"  # 华东精密机械: marketing_consent false
NO_SMS = "C001941"  # 上海星旭生物: opted out of SMS marketing


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
    for row in rows:
        row["marketing_consent"] = "false" if row["client_id"] == REFUSED else ""
        row["opt_out_channels"] = "sms" if row["client_id"] == NO_SMS else ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return complaining


@pytest.fixture(scope="module")
def fl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontline]:
    home = tmp_path_factory.mktemp("contact-chat")
    frontline = Frontline(make_settings(home), embedder=HashingEmbeddings())
    extract = demo_extract(home / "demo")
    frontline.complaining = _with_consent(extract)  # type: ignore[attr-defined]
    import_extract(frontline.sessions, extract)
    frontline.after_import()
    frontline.ingestor.progress = False
    frontline.ingestor.ingest([default_playbook_dir()])
    yield frontline
    frontline.close()


def ask(fl: Frontline, text: str) -> Answer:
    return asyncio.run(fl.core.answer(Turn(text=text, channel="api", rm_id=RM)))


def _name(fl: Frontline, client_id: str) -> str:
    (client,) = fl.bank.get_clients([client_id])
    return client.name


def test_a_pitch_to_a_client_who_refused_marketing_is_held_and_said_why(fl: Frontline) -> None:
    answer = ask(fl, f"给{_name(fl, REFUSED)}写条微信介绍一下代发工资")
    assert answer.refused and "contact:no_consent" in answer.flags, answer.text
    assert "营销拒收" in answer.text and "```" not in answer.text  # no message written
    assert any("omni-channel-cadence" in c.doc_id for c in answer.citations)
    assert answer.client_ids == [REFUSED]


def test_a_service_message_to_the_same_client_is_written(fl: Frontline) -> None:
    answer = ask(fl, f"给{_name(fl, REFUSED)}写条微信，提醒存款到期续存")
    assert not answer.refused and "```" in answer.text, answer.text
    assert not any(f.startswith("contact:") for f in answer.flags)


def test_an_opt_out_holds_its_channel_only(fl: Frontline) -> None:
    name = _name(fl, NO_SMS)
    # a product it does not hold: a pitch (its own CD maturing would be a service notice)
    by_sms = ask(fl, f"给{name}发条短信推一下对公理财")
    by_wechat = ask(fl, f"给{name}发条微信推一下对公理财")
    assert by_sms.refused and "contact:opted_out" in by_sms.flags, by_sms.text
    assert not by_wechat.refused and "```" in by_wechat.text, by_wechat.text
    notice = ask(fl, f"给{name}发条短信提醒大额存单到期")  # service: an opt-out does not hold it
    assert not notice.refused and "```" in notice.text, notice.text


def test_a_client_with_an_open_complaint_gets_no_pitch_until_it_is_resolved(fl: Frontline) -> None:
    client_id = fl.complaining  # type: ignore[attr-defined]
    answer = ask(fl, f"给{_name(fl, client_id)}写个微信推一下对公理财")
    assert answer.refused and "contact:open_complaint" in answer.flags, answer.text
    assert "未结投诉" in answer.text and "2026-11-04" in answer.text
