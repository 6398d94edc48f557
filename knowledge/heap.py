"""Native buffers written to disk never carry what the process held before them.

The HNSW index Chroma persists (``data_level0.bin``) is written from buffers the native
library allocates and does not fully initialise: whatever the process freed there before — a
client's name from an answer or an import — can end up in the vector store's files (the leak
test found one in a long test run). glibc's ``M_PERTURB`` fills every block it hands out, and
every block freed, with a fixed byte, so such a buffer carries that byte instead.

It is on only while the embedded store works (``scrubbed_heap`` around every Chroma call):
the store writes its files inside those calls, from buffers it allocates inside them, and
filling every block the whole process allocates doubled a client turn's p95 latency.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

M_PERTURB = -6  # glibc <malloc.h>
PERTURB_BYTE = 0x5A

_lock = threading.Lock()
_depth = 0  # windows open now, over every thread: the switch is process-wide


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018 - not glibc: no such switch to turn on
    except (OSError, AttributeError):
        return None
    return libc


def _perturb(byte: int) -> bool:
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_PERTURB, byte))


def heap_scrubbing() -> bool:
    """Whether this C library has the switch (glibc)."""
    return _libc() is not None


@contextmanager
def scrubbed_heap() -> Iterator[None]:
    """glibc's perturbation on for the duration; windows opened by several threads, or one
    inside another, keep it on until the last one closes."""
    global _depth
    with _lock:
        _depth += 1
        if _depth == 1:
            _perturb(PERTURB_BYTE)
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _perturb(0)
