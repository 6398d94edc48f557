"""Native buffers handed out while the store works carry the perturbation byte, not what was
freed there before (what the HNSW index Chroma writes to disk is made of); outside the store's
calls the allocator is left alone, and windows opened inside one another keep it on until the
outer one closes."""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest

from knowledge import heap
from knowledge.heap import PERTURB_BYTE, heap_scrubbing, scrubbed_heap

LIBC = ctypes.util.find_library("c")
SECRET = b"Jaime Sweeney 13912345678 " * 40


def _reused_block() -> bytes:
    """Write the secret into a block, free it, and read what the next same-size block holds.

    glibc usually hands the same block back first, but not always: a free that merges the
    block into its neighbour can hand out another one (one filled by an earlier scrubbed free),
    which would make the unscrubbed control read filler instead of the secret. So it tries
    again until the same block comes back."""
    libc = ctypes.CDLL(LIBC)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    size = len(SECRET)
    held = []  # blocks that were not the freed one, kept until the end so the next try differs
    try:
        for _ in range(50):
            first = libc.malloc(size)
            ctypes.memmove(first, SECRET, size)
            libc.free(first)
            again = libc.malloc(size)
            if again == first:
                seen = ctypes.string_at(again, size)
                libc.free(again)
                return seen
            held.append(again)
    finally:
        for block in held:
            libc.free(block)
    raise AssertionError("the allocator never handed the freed block back")


pytestmark = pytest.mark.skipif(LIBC is None or "libc.so" not in LIBC, reason="glibc only")


def test_when_the_heap_is_scrubbed_then_a_reused_block_holds_no_freed_text() -> None:
    assert heap_scrubbing()
    with scrubbed_heap():
        seen = _reused_block()
    assert b"Sweeney" not in seen
    assert set(seen[32:]) == {PERTURB_BYTE ^ 0xFF}  # the allocator's own header words aside


def test_when_windows_nest_then_the_heap_stays_scrubbed_until_the_outer_one_closes() -> None:
    with scrubbed_heap():
        with scrubbed_heap():
            pass
        assert b"Sweeney" not in _reused_block()
    # Closed: the allocator does nothing extra — unless another thread of the process (a store
    # call left running by an earlier test) holds a window of its own; its lock keeps one from
    # opening while the block is read.
    with heap._lock:
        if heap._depth == 0:
            assert b"Sweeney" in _reused_block()


def test_when_the_store_is_called_then_its_work_runs_scrubbed() -> None:
    from knowledge.store import _scrubbed

    seen: list[bytes] = []
    _scrubbed(lambda: seen.append(_reused_block()))()
    assert b"Sweeney" not in seen[0]
