"""Outreach templates: purpose copy per language (``zh.yaml``, ``en.yaml``) and channel frames
(``frames.yaml``), combined into one :class:`Template` per channel × purpose × language."""

from __future__ import annotations

from importlib import resources
from itertools import product
from typing import Any, Literal

import yaml

from tools.outreach.bank_profile import BankProfile, load_bank_profile
from tools.outreach.models import Channel, Purpose
from tools.outreach.templates.models import ChannelFrame, PurposeCopy, Template

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


def _read(name: str, slots: dict[str, str]) -> dict:
    """One template file with the bank's own name and SMS wording filled in."""
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    data = yaml.safe_load(text)
    return _fill(data, slots)


def _fill(node: Any, slots: dict[str, str]) -> Any:
    if isinstance(node, str):
        for key, value in slots.items():
            node = node.replace("{" + key + "}", value)
        return node
    if isinstance(node, list):
        return [_fill(item, slots) for item in node]
    if isinstance(node, dict):
        return {key: _fill(value, slots) for key, value in node.items()}
    return node


class TemplateLibrary:
    """Every template, keyed by (channel, purpose, language). Load once where the app is wired
    and pass it in; :meth:`load` reads the packaged YAML."""

    def __init__(self, templates: list[Template], profile: BankProfile | None = None) -> None:
        self._by_key = {(t.channel, t.purpose, t.language): t for t in templates}
        # The bank the templates speak for: its disclosures and where visits are recorded.
        self.profile = profile or load_bank_profile()

    @classmethod
    def load(cls, profile: BankProfile | None = None) -> TemplateLibrary:
        """The packaged templates, in the words of ``profile`` (default: the bundled one)."""
        profile = profile or load_bank_profile()
        templates = []
        for language in LANGUAGES:
            slots = profile.slots(language)
            frames = _read("frames.yaml", slots)
            texts = _read(f"{language}.yaml", slots)
            copies, facts = texts["purposes"], texts.get("facts", {})
            for channel, purpose in product(Channel, Purpose):
                templates.append(
                    Template(
                        channel=channel,
                        purpose=purpose,
                        language=language,
                        copy=PurposeCopy.model_validate(copies[purpose.value]),
                        frame=ChannelFrame.model_validate(frames[channel.value][language]),
                        facts=facts,
                    )
                )
        return cls(templates, profile)

    def get(
        self, channel: Channel, purpose: Purpose, language: Language, style: str = "standard"
    ) -> Template:
        return self._by_key[(channel, purpose, language)].styled(style)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)


__all__ = ["ChannelFrame", "PurposeCopy", "Template", "TemplateLibrary"]
