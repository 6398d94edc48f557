"""The one fake brief service for channel tests (Slack, Teams, the widget): it implements
``BriefBuilder`` (mypy checks it below) and records who asked on which channel. The brief it
returns has one line of each kind a channel renders differently: a plain line and next best
actions with a draft request. The real brief is tested against the demo bank in tests/brief.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from assistant.brief.model import Brief, BriefItem
from assistant.core.types import Citation

if TYPE_CHECKING:
    from assistant.brief.channels import BriefBuilder

SAMPLE_DRAFT = "给东方物流起草一条消息：存款到期提醒"
SAMPLE_CLIENT = "南山制造"


def sample_brief(rm_id: str = "RM001", day: date = date(2026, 11, 3), actions: int = 1) -> Brief:
    items = [
        BriefItem(
            section="overdue",
            client_id="C1",
            text=f"{SAMPLE_CLIENT}：资金流出，应于 2026-10-30 前跟进，已逾期 2 天 [1]",
            playbook="signals/deposit-churn",
            citation=1,
        )
    ]
    items += [
        BriefItem(
            section="actions",
            client_id=f"C{n + 2}",
            text=f"东方物流{n or ''}：到期续作（存款 11 月到期） [2]",
            playbook="products/deposit-renewal",
            citation=2,
            action_kind="renewal",
            draft_request=SAMPLE_DRAFT if n == 0 else f"{SAMPLE_DRAFT}{n}",
        )
        for n in range(actions)
    ]
    return Brief(
        brief_id=f"brief:{rm_id}:{day}",
        rm_id=rm_id,
        role="rm",
        date=day,
        working_day=True,
        language="zh",
        text=f"王经理 · {day} 晨报\n...",
        items=items,
        citations=[
            Citation(n=1, doc_id="signals/deposit-churn", section="", score=1.0),
            Citation(n=2, doc_id="products/deposit-renewal", section="", score=1.0),
        ],
    )


@dataclass
class FakeBriefs:
    asked: list[tuple[str, str]] = field(default_factory=list)  # (rm_id, channel)
    day: date = date(2026, 11, 3)  # the bank's day (FRONTLINE_TODAY) a brief without one is for

    def today(self) -> date:
        return self.day

    def build(
        self, rm_id: str, day: date, language: Literal["zh", "en"] = "zh", channel: str = "cli"
    ) -> Brief:
        self.asked.append((rm_id, channel))
        return sample_brief(rm_id, day)


if TYPE_CHECKING:
    _: BriefBuilder = FakeBriefs()
