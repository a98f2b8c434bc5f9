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


@cache
def get_settings() -> Settings:
    return Settings()
