"""Paths and knobs, from environment variables (prefix FAMILIENPUNKT_) or their defaults."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = PROJECT_ROOT / "config"

USER_AGENT = (
    "Familienpunkt/0.1 "
    "(+https://github.com/familienpunkt/familienpunkt; open data of family offers)"
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FAMILIENPUNKT_", extra="ignore")

    data_dir: Path = Field(
        PROJECT_ROOT / "data", description="Where runs, warehouse and exports live"
    )
    db: Path | None = Field(
        None, description="DuckDB warehouse file (default: data_dir/warehouse.duckdb)"
    )
    registry: Path = Field(CONFIG_DIR / "sources.demo.toml", description="Source registry file")
    export_dir: Path | None = Field(None, description="Export root (default: data_dir/export)")
    realdata: Path = Field(
        PROJECT_ROOT.parent / "shared" / "realdata",
        description="Third-party real files used by tests",
    )
    user_agent: str = USER_AGENT
    duckdb_memory_limit: str = Field(
        "1GB", description="DuckDB's memory budget; larger merges spill to disk instead"
    )
    http_timeout_s: float = 20.0
    http_retries: int = 2
    http_backoff_s: float = Field(0.5, ge=0, description="First pause before a retry; doubles")
    retry_after_max_s: float = Field(
        120.0, description="Longest Retry-After a provider may ask for; beyond it the run fails"
    )
    host_concurrency: int = Field(
        2, ge=1, description="Requests at once to one provider host, across all sources"
    )
    host_delay_s: float = Field(
        0.5, ge=0, description="Seconds between request starts to one host, across all sources"
    )
    loopback_concurrency: int = Field(8, ge=1, description="The same for loopback hosts")
    loopback_delay_s: float = Field(0.0, ge=0, description="The same for loopback hosts")
    writer_stale_after_s: float = Field(
        20.0, description="Wait for the Prefect writer slot before checking it for a dead holder"
    )
    lock_wait_s: float = Field(
        600.0, description="How long a writer waits for another to release the warehouse"
    )
    alert_webhook: str | None = Field(
        None, description="URL that gets a JSON POST for failed, empty, dropped or held runs"
    )
    alert_email: str | None = Field(None, description="Address that gets the same alerts")
    smtp_host: str = Field("localhost", description="Mail server for alert e-mails")
    smtp_port: int = 25
    smtp_sender: str = "familienpunkt@localhost"

    @property
    def warehouse_path(self) -> Path:
        return self.db or self.data_dir / "warehouse.duckdb"

    @property
    def export_root(self) -> Path:
        return self.export_dir or self.data_dir / "export"

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def staging_dir(self) -> Path:
        return self.data_dir / "staging"

    @property
    def pid_dir(self) -> Path:
        """Child processes of running runs, one folder per parent PID (crash cleanup)."""
        return self.data_dir / "pids"


@cache
def get_settings() -> Settings:
    return Settings()
