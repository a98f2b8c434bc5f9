"""Scheduled operation: one deployment per source on the source's own cron (Europe/Berlin),
plus a publication that follows. Schedules need a real Prefect server (``prefect server
start``, PREFECT_API_URL set): the ephemeral one that ``make run`` uses does not run them."""

from __future__ import annotations

from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment

from flows.import_sources import import_sources
from flows.publish import publish_export
from schemas.source import Registry

TIMEZONE = "Europe/Berlin"
PUBLISH_CRON = "15 * * * *"
"""Publishing hourly picks up whatever the sources imported since; it is cheap and atomic."""


def deployments(registry: Registry, *, demo_base: str | None = None) -> list[RunnerDeployment]:
    """Import deployments by source (each on its cron) and the hourly publication."""
    out = []
    for source in registry.enabled():
        out.append(
            import_sources.to_deployment(
                name=f"import-{source.id}",
                schedules=[CronSchedule(cron=source.schedule, timezone=TIMEZONE)],
                parameters={
                    "registry_path": str(registry.path),
                    "only": [source.id],
                    "demo_base": demo_base,
                },
                tags=["import", source.adapter.value, source.provider],
                description=f"Import {source.title or source.id} ({source.provider})",
            )
        )
    out.append(
        publish_export.to_deployment(
            name="publish",
            schedules=[CronSchedule(cron=PUBLISH_CRON, timezone=TIMEZONE)],
            parameters={"registry_path": str(registry.path)},
            tags=["publish"],
        )
    )
    return out
