"""The PySide6 user interface: the only layer that imports Qt."""

import ctypes
import sys

# PySide6 6.12.0 on Python 3.11 drops a reference to True on every signal emitted from Python
# and one to None on every Qt call that returns nothing; after a few thousand of them the
# interpreter aborts ("bool_dealloc" / "none_dealloc"). Python 3.12 makes these objects
# immortal; on 3.11 the same is done here by giving them a reference count that no session can
# use up (2**40). The split PySide6-Pdf wheel exists only for 6.12, so the version cannot simply
# be pinned lower. Releases (the frozen program) are built on Python 3.12, so this only ever runs
# in a source install on 3.11 (tests/test_frozen.py shows 3.12 with 6.12 needs no guard).
if sys.version_info < (3, 12):  # pragma: no branch
    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
