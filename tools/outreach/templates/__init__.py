"""Outreach templates: purpose copy per language (``zh.yaml``, ``en.yaml``) and channel frames
(``frames.yaml``), combined into one :class:`Template` per channel × purpose × language."""

from __future__ import annotations

from importlib import resources
from itertools import product
from typing import Literal

import yaml

from tools.outreach.models import Channel, Purpose
from tools.outreach.templates.models import ChannelFrame, PurposeCopy, Template

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


def _read(name: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text("utf-8"))


class TemplateLibrary:
    """Every template, keyed by (channel, purpose, language). Load once where the app is wired
    and pass it in; :meth:`load` reads the packaged YAML."""

    def __init__(self, templates: list[Template]) -> None:
        self._by_key = {(t.channel, t.purpose, t.language): t for t in templates}

    @classmethod
    def load(cls) -> TemplateLibrary:
        frames = _read("frames.yaml")
        templates = []
        for language in LANGUAGES:
            copies = _read(f"{language}.yaml")["purposes"]
            for channel, purpose in product(Channel, Purpose):
                templates.append(
                    Template(
                        channel=channel,
                        purpose=purpose,
                        language=language,
                        copy=PurposeCopy.model_validate(copies[purpose.value]),
                        frame=ChannelFrame.model_validate(frames[channel.value][language]),
                    )
                )
        return cls(templates)

    def get(self, channel: Channel, purpose: Purpose, language: Language) -> Template:
        return self._by_key[(channel, purpose, language)]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)


__all__ = ["ChannelFrame", "PurposeCopy", "Template", "TemplateLibrary"]
