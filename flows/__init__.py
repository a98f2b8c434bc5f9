"""Prefect flows: import sources (fan-out per source, one writer), publish, and the main run."""
