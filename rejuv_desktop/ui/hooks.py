"""Named points where the features of the main window meet.

Features (documents, sessions, backup, lock, …) extend the window through their
``install(window)`` function. They never look for each other on the window: one offers what it
does by appending to a hook here, another calls the hook. Each window has its own hooks, so a
closed window's features are never called, and the order the features are installed in does
not matter (a hook is called only once every feature is in place).

    window.hooks.settings_changed.append(guard.settings_changed)   # the lock listens
    window.hooks.settings_changed()                                 # the settings dialog saved
"""

from __future__ import annotations

from typing import Callable, Generic, ParamSpec

P = ParamSpec("P")


class Hook(Generic[P]):
    """One named point: callbacks appended by features, called in the order appended."""

    def __init__(self, name: str, doc: str):
        self.name = name
        self.__doc__ = doc
        self._callbacks: list[Callable[P, object]] = []

    def append(self, callback: Callable[P, object]) -> None:
        self._callbacks.append(callback)

    def remove(self, callback: Callable[P, object]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def __bool__(self) -> bool:
        """True when some feature answers this hook (a request nobody handles is not offered)."""
        return bool(self._callbacks)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for callback in list(self._callbacks):
            callback(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._callbacks)} callback(s)>"


class WindowHooks:
    """The hook points of one main window."""

    def __init__(self) -> None:
        self.patient_selected: Hook[[int | None]] = Hook(
            "patient_selected", "The record now shows this patient (None: nobody is selected).")
        self.record_changed: Hook[[]] = Hook(
            "record_changed", "Something in the records changed (a session ticked, a follow-up "
            "done): views that show it read it again.")
        self.database_checked: Hook[[str | None]] = Hook(
            "database_checked", "The integrity check behind the window finished: None when "
            "the database is sound, else the problem found.")
        self.settings_changed: Hook[[]] = Hook(
            "settings_changed", "The clinic's settings were saved (an idle-lock time applies "
            "at once).")
        self.summary_requested: Hook[[int, int]] = Hook(
            "summary_requested", "Issue the consultation summary PDF: (patient id, consultation "
            "id). Offered only when a feature answers it.")
        self.visit_list_built: Hook[[object]] = Hook(
            "visit_list_built", "A list of follow-up visits with its buttons was built (the "
            "Due view, a record's Sessions tab): features add their own buttons to it with "
            "``add_visit_action``.")
        self.aftercare_requested: Hook[[int, str, int]] = Hook(
            "aftercare_requested", "Issue the aftercare sheet after a session: (patient id, "
            "procedure, session id). Offered only when a feature answers it.")
        self.photos_changed: Hook[[int]] = Hook(
            "photos_changed", "A patient's photographs or their consent to photographs changed "
            "(a photograph or a recorded refusal ticks a session's \"photographs taken\" "
            "item): (patient id).")
