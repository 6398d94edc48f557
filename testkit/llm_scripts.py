"""Scripted conversations the fake model plays (shared by the tests and the benchmark)."""

from __future__ import annotations

import json

from testkit.fake_openai import call, client_token, last_tool, last_user, say, tool_messages

SERVE_Q = "我该怎么服务华东精密机械有限公司？"


def serve_script() -> list:
    """find_clients -> get_client_profile -> recommend_next_actions -> search_playbooks -> answer [1]."""
    return [
        lambda body: call("find_clients", {"query": client_token(last_user(body))}),
        lambda body: call(
            "get_client_profile", {"client_id": last_tool(body)["matches"][0]["client_id"]}
        ),
        lambda body: call("recommend_next_actions", {"client_id": last_tool(body)["client_id"]}),
        call("search_playbooks", {"query": "核心客户 服务频次 拜访", "k": 3}),
        lambda body: say(_serve_answer(body)),
    ]


def _serve_answer(body: dict) -> str:
    profile = json.loads(
        next(m["content"] for m in tool_messages(body) if '"tier_label"' in m["content"])
    )
    n = last_tool(body)["passages"][0]["n"]
    contact = profile["contacts"][0]["name"]
    return (
        f"{profile['name']} 是{profile['tier_label']}，建议如下：\n"
        f"1. 本月安排一次拜访，联系 {contact}（{profile['contacts'][0]['title']}）[{n}]。\n"
        f"2. 复盘代发工资方案 [{n}]。\n"
        "产品推荐前确认风险承受能力与产品风险等级匹配。"
    )
