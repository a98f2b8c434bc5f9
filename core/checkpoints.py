"""Named points of a run where a test can stop the process, to see what a crash leaves.

``checkpoint("merging")`` does nothing unless ``FAMILIENPUNKT_PAUSE_AT`` names that point:
then it writes ``<data>/checkpoints/<name>.<pid>`` and waits forever, so a test can wait for
the file (an event, not a guess at timing) and ``kill -9`` the process exactly there. The
points: ``extracting`` (a child process is fetching), ``normalising``, ``merging`` (inside the
warehouse transaction), ``publishing`` (a release half written).
"""

from __future__ import annotations

import os
import threading

PAUSE_ENV = "FAMILIENPUNKT_PAUSE_AT"


def checkpoint(name: str) -> None:
    if os.environ.get(PAUSE_ENV) != name:
        return
    from core.settings import get_settings

    folder = get_settings().data_dir / "checkpoints"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.{os.getpid()}").write_text(str(threading.get_ident()), encoding="utf-8")
    threading.Event().wait()
