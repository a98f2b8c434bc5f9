"""Every source gets a deployment on its own cron in Europe/Berlin, plus the publication."""

from __future__ import annotations

from core.settings import CONFIG_DIR
from flows.schedule import deployments
from schemas.source import Registry


def test_one_deployment_per_source_on_its_cron_and_a_publication():
    registry = Registry.load(CONFIG_DIR / "sources.demo.toml")
    built = {d.name: d for d in deployments(registry)}
    assert set(built) == {f"import-{s}" for s in registry.sources} | {"publish"}
    portal = built["import-ferienportal"]
    (schedule,) = portal.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 6,18 * * *", "Europe/Berlin")
    assert portal.parameters["only"] == ["ferienportal"]
    assert built["publish"].schedules[0].schedule.timezone == "Europe/Berlin"
