"""Native buffers handed out after the switch carry the perturbation byte, not what was freed
there before (what the HNSW index Chroma writes to disk is made of)."""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest

from knowledge.heap import PERTURB_BYTE, scrub_native_heap

LIBC = ctypes.util.find_library("c")


@pytest.mark.skipif(LIBC is None or "libc.so" not in LIBC, reason="glibc only")
def test_when_the_heap_is_scrubbed_then_a_reused_block_holds_no_freed_text() -> None:
    assert scrub_native_heap()
    libc = ctypes.CDLL(LIBC)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    secret = b"Jaime Sweeney 13912345678 " * 40
    size = len(secret)
    first = libc.malloc(size)
    ctypes.memmove(first, secret, size)
    libc.free(first)
    again = libc.malloc(size)  # glibc hands the same block back first
    seen = ctypes.string_at(again, size)
    libc.free(again)
    assert b"Sweeney" not in seen
    assert set(seen[32:]) == {PERTURB_BYTE ^ 0xFF}  # the allocator's own header words aside
