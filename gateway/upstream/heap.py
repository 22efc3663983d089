"""Handing memory the process freed back to the operating system.

glibc's malloc keeps memory freed in the middle of its heap for later allocations. Decoded
Visma records are mostly dicts above pymalloc's 512 bytes, so they come from malloc; after the
memory cache evicted pages of a thousand of them, the process kept about twice the cache's
bound resident (docs/benchmarks.md, "Big company"). ``malloc_trim`` returns those pages; where
the C library has none (musl, macOS), trimming does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable


def heap_trimmer() -> Callable[[], None]:
    """A function that returns the C heap's free pages to the operating system."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int

    def release() -> None:
        trim(0)

    return release


trim_heap = heap_trimmer()
