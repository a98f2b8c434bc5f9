"""Version of the published schema (SemVer: renaming or removing a field is a major change)."""

SCHEMA_VERSION = "1.1.0"
