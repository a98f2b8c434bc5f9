-- Familienpunkt warehouse, schema version 1.
-- Offers, locations and organizations keep the canonical record as JSON (the pydantic model is
-- the schema) next to the columns the merge and the ledger need.

CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL
);

-- Run ledger: one row per run, one per source in that run.
CREATE TABLE IF NOT EXISTS runs (
    run_id       VARCHAR PRIMARY KEY,
    kind         VARCHAR NOT NULL,           -- import | publish
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    status       VARCHAR NOT NULL,           -- running | ok | partial | failed
    registry     VARCHAR,
    sources      INTEGER,
    note         VARCHAR
);

CREATE TABLE IF NOT EXISTS source_runs (
    run_id       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,           -- ok | suspicious | failed
    reason       VARCHAR,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    duration_s   DOUBLE NOT NULL,
    fetched      INTEGER NOT NULL DEFAULT 0,
    valid        INTEGER NOT NULL DEFAULT 0,
    quarantined  INTEGER NOT NULL DEFAULT 0,
    new          INTEGER NOT NULL DEFAULT 0,
    changed      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    withdrawn    INTEGER NOT NULL DEFAULT 0,
    raw_path     VARCHAR,
    stats        JSON,
    PRIMARY KEY (run_id, source_id)
);

-- Raw records, content-addressed: a record unchanged since an earlier run is stored once.
CREATE TABLE IF NOT EXISTS raw_records (
    raw_id        VARCHAR NOT NULL,
    source_id     VARCHAR NOT NULL,
    record_key    VARCHAR NOT NULL,
    url           VARCHAR,
    shape         VARCHAR NOT NULL,
    fetched_at    TIMESTAMPTZ NOT NULL,
    first_run_id  VARCHAR NOT NULL,
    fields        JSON NOT NULL
);

-- Current state of every offer ever seen; withdrawn ones stay with status 'withdrawn'.
CREATE TABLE IF NOT EXISTS offers (
    offer_id       VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    record_key     VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    content_hash   VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    first_seen     TIMESTAMPTZ NOT NULL,
    last_changed   TIMESTAMPTZ NOT NULL,
    last_verified  TIMESTAMPTZ NOT NULL,
    withdrawn_at   TIMESTAMPTZ,
    run_id         VARCHAR NOT NULL,
    raw_id         VARCHAR NOT NULL,
    fetched_at     TIMESTAMPTZ NOT NULL,
    location_id    VARCHAR,
    record         JSON NOT NULL
);

-- Every version of every offer: the change feed is read from here.
CREATE TABLE IF NOT EXISTS offer_versions (
    offer_id      VARCHAR NOT NULL,
    version       INTEGER NOT NULL,
    change        VARCHAR NOT NULL,           -- new | changed | withdrawn | reinstated
    run_id        VARCHAR NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    content_hash  VARCHAR NOT NULL,
    raw_id        VARCHAR,
    record        JSON
);

CREATE TABLE IF NOT EXISTS locations (
    location_id    VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    content_hash   VARCHAR NOT NULL,
    first_seen     TIMESTAMPTZ NOT NULL,
    last_changed   TIMESTAMPTZ NOT NULL,
    last_verified  TIMESTAMPTZ NOT NULL,
    run_id         VARCHAR NOT NULL,
    record         JSON NOT NULL
);

CREATE TABLE IF NOT EXISTS organizations (
    organization_id  VARCHAR NOT NULL,
    provider_key     VARCHAR NOT NULL,
    content_hash     VARCHAR NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    record           JSON NOT NULL
);

-- Records that failed validation, with the reason; they are kept, never silently dropped.
CREATE TABLE IF NOT EXISTS quarantine (
    run_id       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    record_key   VARCHAR NOT NULL,
    raw_id       VARCHAR,
    field        VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    message      VARCHAR NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL
);

-- Withdrawals held back because a run would have withdrawn too large a share of a source's
-- offers at once: they wait for a second healthy run (confirmed) or a steward (approved).
CREATE TABLE IF NOT EXISTS pending_withdrawals (
    offer_id        VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,           -- the run that held it back
    detected_at     TIMESTAMPTZ NOT NULL,
    resolved_at     TIMESTAMPTZ,
    resolution      VARCHAR,                    -- confirmed | approved | listed again | dismissed
    resolved_run_id VARCHAR
);
