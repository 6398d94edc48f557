"""A demo bank for the outcome channel tests (Slack, Teams, the widget, the API): imported
without playbooks (a brief cites playbooks by id and never searches), with the real brief
service and the real outcome desk over it."""

from __future__ import annotations

from pathlib import Path

from assistant.brief.model import BriefItem
from assistant.wiring import Frontline
from testkit.demo import demo_extract
from testkit.embeddings import HashingEmbeddings
from testkit.settings import make_settings
from tools.bank.importer import import_extract


def demo_bank(home: Path, **settings: object) -> Frontline:
    fl = Frontline(make_settings(home, **settings), embedder=HashingEmbeddings())
    demo_extract(home / "demo")
    import_extract(fl.sessions, home / "demo")
    fl.after_import()
    return fl


def markable(fl: Frontline, rm_id: str = "RM001") -> list[BriefItem]:
    """The lines of the RM's brief today that carry an action key, in display order."""
    today = fl.today()
    return [i for i in fl.briefs.build(rm_id, today).items if i.action_key]


def stored(fl: Frontline, key: str) -> list:
    """Standing outcomes of one action key."""
    from tools.outcomes.keys import parse_key

    ref = parse_key(key)
    return [o for o in fl.bank.outcomes_for([ref.client_id]) if o.action_key == key]
