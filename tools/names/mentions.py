"""Which of the bank's client names a question may mention, found without testing every name.

A question mentions a client's name (``tools.client_tools._matches``) only when the question is
part of the name or the name's key (a start every matching form contains) is part of the
question. So the names worth testing are those whose key is a substring of the question —
looked up by the question's substrings of each key length — plus, in the rare case the whole
question is part of some name, all of them. The index only narrows the candidates; the caller still decides
with its own test, so what matches is exactly what a full scan finds, in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar


class NameLike(Protocol):
    @property
    def name(self) -> str: ...  # lower-cased


F = TypeVar("F", bound=NameLike)


class MentionIndex(Generic[F]):
    """Name forms by their key, built once per extract. ``key(form)`` (lower-cased) must be
    part of any question the matcher finds the form in, unless the question is part of the
    form's ``name``."""

    def __init__(self, forms: Sequence[F], key: Callable[[F], str]) -> None:
        self.forms = list(forms)
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, form in enumerate(self.forms):
            by_key[key(form)].append(i)
        self._by_key = dict(by_key)
        self._lengths = sorted({len(k) for k in self._by_key})
        # One string to ask "is the question part of any name?" in a single search.
        self._names = "\x00".join(form.name for form in self.forms)

    def candidates(self, query: str) -> list[F]:
        """The forms that may match ``query`` (stripped and lower-cased as the matcher does),
        in the order they were given."""
        q = query.strip().lower()
        if not q or "\x00" in q or q in self._names:
            return self.forms
        hits: set[int] = set()
        for length in self._lengths:
            for start in range(len(q) - length + 1):
                hits.update(self._by_key.get(q[start : start + length], ()))
        return [self.forms[i] for i in sorted(hits)]
