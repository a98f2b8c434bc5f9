"""The main job: import every source, then publish — also when some sources failed."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow

from flows.import_sources import ImportSummary, SourcesFailed, import_sources
from flows.publish import PublishSummary, publish_export


@dataclass
class RunSummary:
    imported: ImportSummary
    published: PublishSummary


class RunFailed(SourcesFailed):
    """Sources failed; the release of everything else was still published (``run``)."""

    def __init__(self, summary: ImportSummary, run: RunSummary):
        super().__init__(summary)
        self.run = run


@flow(name="familienpunkt-run", log_prints=True)
def familienpunkt_run(
    registry_path: str | None = None,
    only: list[str] | None = None,
) -> RunSummary:
    """Import, then publish; ends Failed (raising :class:`RunFailed`) when sources failed."""
    state = import_sources(registry_path=registry_path, only=only, return_state=True)
    failure = None
    if state.is_failed():
        failure = state.result(raise_on_failure=False)
        if not isinstance(failure, SourcesFailed):
            raise failure if isinstance(failure, BaseException) else RuntimeError(str(failure))
        imported = failure.summary
    else:
        imported = state.result()
    published = publish_export(registry_path=registry_path)
    summary = RunSummary(imported, published)
    if failure is not None:
        raise RunFailed(imported, summary)
    return summary
