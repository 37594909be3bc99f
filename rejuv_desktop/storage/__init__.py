"""The only code that touches SQLite.

``open_store`` opens the one database file with the pragmas every connection needs, applies
pending migrations and refuses a database written by a newer version. Every write goes through
``Store.write()`` (``BEGIN IMMEDIATE`` … ``COMMIT``), so a write is all or nothing.
"""

from rejuv_desktop.storage.db import Store, open_store, sqlite_version

__all__ = ["Store", "open_store", "sqlite_version"]
