"""The only code that touches SQLite: every SQL statement of the app is in this package.

``open_store`` opens the one database file with the pragmas every connection needs, applies
pending migrations and refuses a database written by a newer version. Every write goes through
``Store.write()`` (``BEGIN IMMEDIATE`` … ``COMMIT``), so a write is all or nothing. Services
read and write through the repository modules (``patients``, ``plans``, ``documents`` ...);
the interface and the command line come in through ``services.database``.
"""

from rejuv_desktop.storage.db import Store, open_store, sqlite_version

__all__ = ["Store", "open_store", "sqlite_version"]
