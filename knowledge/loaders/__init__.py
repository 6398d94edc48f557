"""File-format loaders, one per module, chosen by suffix through an explicit registry."""

from __future__ import annotations

from pathlib import Path

from knowledge.loaders.base import Document, DocumentError, DocumentMeta, Loader, Section
from knowledge.loaders.docx import DocxLoader
from knowledge.loaders.html import HtmlLoader
from knowledge.loaders.markdown import MarkdownLoader
from knowledge.loaders.pdf import PdfLoader

__all__ = [
    "Document",
    "DocumentError",
    "DocumentMeta",
    "Loader",
    "LoaderRegistry",
    "Section",
    "default_registry",
]


class LoaderRegistry:
    def __init__(self, loaders: list[Loader]) -> None:
        self._by_suffix = {s: loader for loader in loaders for s in loader.suffixes}

    @property
    def suffixes(self) -> frozenset[str]:
        return frozenset(self._by_suffix)

    def supports(self, path: Path) -> bool:
        return path.suffix.lower() in self._by_suffix

    def load(self, path: Path, root: Path) -> Document:
        """Load ``path``; its default id is the path under ``root`` without the suffix."""
        loader = self._by_suffix.get(path.suffix.lower())
        if loader is None:
            raise DocumentError(f"{path}: unsupported file type {path.suffix or '(none)'}")
        doc_id = default_doc_id(path, root)
        try:
            return loader.load(path, doc_id)
        except DocumentError:
            raise
        except Exception as exc:  # any parser failure becomes one line naming the file
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DocumentError(f"{path}: cannot read {path.suffix} file: {reason}") from exc


def default_doc_id(path: Path, root: Path) -> str:
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        relative = Path(path.name)
    return relative.with_suffix("").as_posix()


def default_registry() -> LoaderRegistry:
    return LoaderRegistry([MarkdownLoader(), PdfLoader(), DocxLoader(), HtmlLoader()])
