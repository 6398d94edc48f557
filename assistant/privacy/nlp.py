"""Presidio's NLP engine, offline: blank spaCy pipelines saved to a folder.

Presidio's default engine downloads ``en_core_web_lg`` and its ``SlimSpacyNlpEngine("blank")``
still reaches the network; a blank pipeline saved with ``to_disk`` and named by path loads
with no network at all. Our recognizers need only the tokenizer Presidio runs anyway.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from presidio_analyzer.nlp_engine import NlpEngine, NlpEngineProvider

from assistant.errors import ConfigError


def blank_pipeline_dir(models_dir: Path, language: str) -> Path:
    """The saved blank pipeline for ``language``, written on first use."""
    target = models_dir / f"spacy-blank-{language}"
    if not (target / "config.cfg").exists():
        import spacy

        target.parent.mkdir(parents=True, exist_ok=True)
        # A folder of its own per writer, renamed into place whole: two processes starting on
        # a fresh home (an eval's two streams, a server's workers) each write one, the first
        # rename wins and the other's copy is dropped — never a half-written shared ".tmp".
        tmp = Path(tempfile.mkdtemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent))
        try:
            spacy.blank(language).to_disk(tmp)
            tmp.rename(target)
        except OSError:
            if not (target / "config.cfg").exists():
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def blank_nlp_engine(models_dir: Path, languages: Sequence[str] = ("zh", "en")) -> NlpEngine:
    configuration = {
        "nlp_engine_name": "spacy",
        "models": [
            {"lang_code": lang, "model_name": str(blank_pipeline_dir(models_dir, lang))}
            for lang in languages
        ],
    }
    try:
        return NlpEngineProvider(nlp_configuration=configuration).create_engine()
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot load the blank spaCy pipelines in {models_dir}: {exc}") from exc


def keep_tldextract_offline() -> None:
    """Stop tldextract (used by Presidio's stock e-mail recognizer) fetching the public suffix
    list: its module-level extractor then uses the snapshot bundled with the package.

    Our analyzer never calls tldextract; this is for any stock recognizer run in-process
    (the evaluation's baseline). Setting the attribute, not TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS,
    because the module reads that variable once, when it is first imported.
    """
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR.suffix_list_urls = ()
