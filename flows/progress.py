"""Progress events of a run, for whoever listens (the CLI shows them live)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

Listener = Callable[[str, str, dict[str, Any]], None]
_listeners: list[Listener] = []
_lock = threading.Lock()


def listen(listener: Listener) -> Callable[[], None]:
    with _lock:
        _listeners.append(listener)

    def stop() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return stop


def emit(stage: str, source_id: str, **info: Any) -> None:
    """stage: extracting | normalising | loading | done | failed."""
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(stage, source_id, info)
