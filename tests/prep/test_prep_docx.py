"""``GET /v1/prep/{id}.docx``: the prep as a Word document for the RM it was issued to, read
back with python-docx and scanned for every full identifier the bank holds."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from docx import Document
from sqlalchemy import select

from assistant.prep.docx import document_text
from integrations.api import create_app
from tests.api.fakes import api_core
from tests.conftest import make_settings
from tests.prep.conftest import book
from tools.bank import models as m

pytestmark = pytest.mark.slow
RM1, RM2, ADMIN = "tok-rm-1", "tok-rm-2", "tok-admin"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
async def client(demo, tmp_path):
    fl, _ = demo
    settings = make_settings(tmp_path / "home", api_tokens=f"{RM1}:RM001,{RM2}:RM002,{ADMIN}:RM900")
    app = create_app(api_core(), settings, prep=lambda: fl.prep_documents)
    transport = httpx.ASGITransport(app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://frontline.test") as c:
        yield c


@pytest.fixture(scope="module")
def full_identifiers(demo) -> set[str]:
    """Every phone, e-mail, 身份证 / USCC, address and account number the bank holds."""
    fl, _ = demo
    values: set[str] = set()
    with fl.sessions() as s:
        for c in s.scalars(select(m.Client)):
            values |= {c.phone or "", c.email or "", c.registration_id or "", c.address or ""}
        for p in s.scalars(select(m.Contact)):
            values |= {p.phone or "", p.email or "", p.id_number or ""}
        values |= {a for a in s.scalars(select(m.Holding.account_no)) if a}
    return {v for v in values if len(v) >= 6}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def issued(fl, client_id: str, rm: str = "RM001", language: str = "zh") -> str:
    return fl.prep_links.issue(rm, client_id, language, 14).url


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_when_the_rm_downloads_the_prep_then_a_word_document_without_identifiers_comes(
    client, demo, busy_client, full_identifiers, language
) -> None:
    fl, _ = demo
    r = await client.get(
        issued(fl, busy_client.client.client_id, language=language), headers=bearer(RM1)
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX and r.headers["cache-control"] == "no-store"
    assert ".docx" in r.headers["content-disposition"]
    text = document_text(r.content)
    assert busy_client.client.name in text  # display form of the RM's own client
    assert ("会前准备" if language == "zh" else "Meeting prep") in text
    paragraphs = Document(io.BytesIO(r.content)).paragraphs
    headings = [
        p.text for p in paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert len(headings) >= 6
    leaked = sorted(v for v in full_identifiers if v in text)
    assert leaked == []
    assert "⟦" not in text  # every token restored or redacted
    # Cited as the chat answer is: markers from [1], each with its passage listed at the end.
    used = {int(n) for n in re.findall(r"\[(\d+)\] ", text)}
    assert used and used == set(range(1, len(used) + 1))
    sources = [p for p in paragraphs if re.match(r"\[\d+\] .+\(.+/.+\)$", p.text)]
    assert len(sources) == len(used)


async def test_when_another_rm_uses_the_link_then_it_is_not_found(
    client, demo, busy_client
) -> None:
    fl, _ = demo
    url = issued(fl, busy_client.client.client_id)
    for token in (RM2, ADMIN):
        r = await client.get(url, headers=bearer(token))
        assert r.status_code == 404 and busy_client.client.name not in r.text


async def test_when_the_id_names_a_client_outside_the_book_then_it_is_not_found(
    client, demo
) -> None:
    """A link sealed for RM001 about RM002's client (a client moved since, say) opens nothing."""
    fl, _ = demo
    foreign = book(fl, "RM002")[0].client
    r = await client.get(issued(fl, foreign.client_id), headers=bearer(RM1))
    assert r.status_code == 404 and foreign.name not in r.text


async def test_when_the_id_is_forged_or_no_token_is_sent_then_nothing_is_served(
    client, demo, busy_client
) -> None:
    fl, _ = demo
    url = issued(fl, busy_client.client.client_id)
    assert (await client.get(url)).status_code == 401
    doc_id = url.removeprefix("/v1/prep/").removesuffix(".docx")
    middle = len(doc_id) // 2
    flipped = "B" if doc_id[middle] != "B" else "C"
    forged = f"/v1/prep/{doc_id[:middle]}{flipped}{doc_id[middle + 1 :]}.docx"
    assert (await client.get(forged, headers=bearer(RM1))).status_code in (404, 422)
    # The same bytes written with base64's spare bits set are not a second id of the document.
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".index(doc_id[-1])
    spare = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last ^ 1]
    alias = f"/v1/prep/{doc_id[:-1]}{spare}.docx"
    assert (await client.get(alias, headers=bearer(RM1))).status_code in (404, 422)
    assert (await client.get("/v1/prep/C000001.docx", headers=bearer(RM1))).status_code == 404


async def test_when_the_answer_offers_a_document_then_its_link_downloads(
    client, demo, busy_client
) -> None:
    """The link an answer carries is the one the API serves (the tool issues it)."""
    from tests.prep.conftest import toolbox

    fl, _ = demo
    tb = toolbox(fl)
    prep = tb.call("prepare_meeting", {"client_id": busy_client.client.client_id})
    assert [d.url for d in tb.documents] == [prep["document"]["url"]]
    r = await client.get(prep["document"]["url"], headers=bearer(RM1))
    assert r.status_code == 200 and busy_client.client.name in document_text(r.content)
