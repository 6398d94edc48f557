"""Native buffers written to disk never carry what the process held before them.

The HNSW index Chroma persists (``data_level0.bin``) is written from buffers the native
library allocates and does not fully initialise: whatever the process freed there before — a
client's name from an answer or an import — can end up in the vector store's files (the leak
test found one in a long test run). glibc's ``M_PERTURB`` fills every block it hands out, and
every block freed, with a fixed byte, so such a buffer carries that byte instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_PERTURB = -6  # glibc <malloc.h>
PERTURB_BYTE = 0x5A


@functools.cache
def scrub_native_heap() -> bool:
    """Turn glibc's perturbation on for this process, once; False where the C library is not
    glibc (there is no such switch to turn on)."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_PERTURB, PERTURB_BYTE))
    except (OSError, AttributeError):
        return False
