"""The DuckDB warehouse: raw records per run, current offers, versions, quarantine, run ledger."""
