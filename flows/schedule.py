"""Scheduled operation: one deployment per source on the source's own cron (Europe/Berlin),
plus a publication that follows.

Two ways to run them, both needing a real Prefect server (``prefect server start`` with
PREFECT_API_URL set; the temporary server of ``make run`` runs no schedules):

* ``familienpunkt serve``: one long-running process serves every deployment (small sites);
* ``familienpunkt deploy --pool NAME``: deployments on a process work pool, picked up by any
  number of ``prefect worker start --pool NAME`` processes, on this machine or on others that
  share the data folder. Imports fetch and normalise in parallel; merges queue for the one
  ``warehouse-writer`` slot.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment

from core.settings import PROJECT_ROOT
from flows.import_sources import import_sources
from flows.publish import publish_export
from schemas.source import Registry, url_variable_env

TIMEZONE = "Europe/Berlin"
PUBLISH_CRON = "15 * * * *"
"""Publishing hourly picks up whatever the sources imported since; it is cheap and atomic."""
ENV_PREFIXES = ("FAMILIENPUNKT_", "PREFECT_API_URL")


def _import_spec(registry: Registry, source_id: str) -> dict:
    source = registry.sources[source_id]
    return dict(
        name=f"import-{source.id}",
        schedules=[CronSchedule(cron=source.schedule, timezone=TIMEZONE)],
        parameters={"registry_path": str(registry.path), "only": [source.id]},
        tags=["import", source.adapter.value, source.provider],
        description=f"Import {source.title or source.id} ({source.provider})",
    )


def _publish_spec(registry: Registry) -> dict:
    return dict(
        name="publish",
        schedules=[CronSchedule(cron=PUBLISH_CRON, timezone=TIMEZONE)],
        parameters={"registry_path": str(registry.path)},
        tags=["publish"],
        description="Publish the open-data release of what the warehouse holds",
    )


def deployments(registry: Registry) -> list[RunnerDeployment]:
    """Import deployments by source (each on its cron) and the hourly publication."""
    out = [
        import_sources.to_deployment(**_import_spec(registry, s.id)) for s in registry.enabled()
    ]
    out.append(publish_export.to_deployment(**_publish_spec(registry)))
    return out


def job_environment(registry: Registry, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """What a worker's flow runs need from this environment: data folder, URL variables."""
    env = os.environ if env is None else env
    wanted = {url_variable_env(n) for s in registry.enabled() for n in s.url_variables}
    return {
        k: v for k, v in env.items() if k.startswith(ENV_PREFIXES[0]) or k in wanted
    }


def deploy_to_pool(registry: Registry, pool: str, *, schedules: bool = True) -> list[str]:
    """Create (or update) every deployment on the process work pool ``pool``; returns their
    ids. The flows are loaded from this checkout (a path every worker must see)."""
    from prefect import flow

    env = job_environment(registry)
    ids = []
    targets = [("flows/import_sources.py:import_sources", _import_spec(registry, s.id))
               for s in registry.enabled()]
    targets.append(("flows/publish.py:publish_export", _publish_spec(registry)))
    for entrypoint, spec in targets:
        if not schedules:
            spec = {**spec, "schedules": []}
        remote = flow.from_source(source=str(PROJECT_ROOT), entrypoint=entrypoint)
        ids.append(
            str(
                remote.deploy(
                    work_pool_name=pool,
                    job_variables={"env": env, "working_dir": str(PROJECT_ROOT)},
                    build=False,
                    push=False,
                    print_next_steps=False,
                    **spec,
                )
            )
        )
    return ids
