-- Merge one source's staged import into the warehouse. Runs inside one transaction.
-- Expects temp tables stage_offers, stage_locations, stage_quarantine, stage_raw, stage_deleted
-- and the parameters $run_id, $source_id, $now, $healthy, $max_share.

-- Raw records: store each distinct content once.
INSERT INTO raw_records
SELECT s.raw_id, $source_id, s.record_key, s.url, s.shape, s.fetched_at, $run_id, s.fields
FROM (SELECT DISTINCT ON (raw_id) * FROM stage_raw) s
WHERE NOT EXISTS (SELECT 1 FROM raw_records r WHERE r.raw_id = s.raw_id);

-- Classify staged offers against the current state.
CREATE OR REPLACE TEMP TABLE stage_class AS
SELECT s.*, o.version AS old_version,
       CASE WHEN o.offer_id IS NULL THEN 'new'
            WHEN o.status = 'withdrawn' THEN 'reinstated'
            WHEN o.content_hash <> s.content_hash THEN 'changed'
            ELSE 'unchanged' END AS change
FROM stage_offers s LEFT JOIN offers o USING (offer_id);

INSERT INTO offer_versions
SELECT offer_id, coalesce(old_version, 0) + 1, change, $run_id, fetched_at, content_hash, raw_id, record
FROM stage_class
WHERE change <> 'unchanged';

UPDATE offers AS o SET
    status        = c.status,
    content_hash  = c.content_hash,
    version       = CASE WHEN c.change = 'unchanged' THEN o.version ELSE o.version + 1 END,
    last_changed  = CASE WHEN c.change = 'unchanged' THEN o.last_changed ELSE c.fetched_at END,
    last_verified = c.fetched_at,
    withdrawn_at  = NULL,
    run_id        = $run_id,
    raw_id        = c.raw_id,
    fetched_at    = c.fetched_at,
    location_id   = c.location_id,
    record        = c.record
FROM stage_class c
WHERE o.offer_id = c.offer_id;

INSERT INTO offers
SELECT offer_id, $source_id, record_key, status, content_hash, 1,
       fetched_at, fetched_at, fetched_at, NULL, $run_id, raw_id, fetched_at, location_id, record
FROM stage_class
WHERE change = 'new';

-- Withdrawals. An explicit deletion (tombstone) withdraws in any case. What a healthy run no
-- longer lists is withdrawn too -- unless that would be more than $max_share of the source's
-- current offers: such a cut is held as pending until a second healthy run confirms it (or a
-- steward approves it), because damage upstream looks just like that. Quarantined records
-- still count as listed.
CREATE OR REPLACE TEMP TABLE stage_missing AS
SELECT o.offer_id
FROM offers o
WHERE o.source_id = $source_id
  AND o.status <> 'withdrawn'
  AND $healthy
  AND o.offer_id NOT IN (SELECT offer_id FROM stage_offers)
  AND o.offer_id NOT IN (SELECT offer_id FROM stage_quarantine WHERE offer_id IS NOT NULL)
  AND o.offer_id NOT IN (SELECT offer_id FROM stage_deleted);

CREATE OR REPLACE TEMP TABLE stage_hold AS
SELECT (SELECT count(*) FROM stage_missing)
       > $max_share * (SELECT count(*) FROM offers
                       WHERE source_id = $source_id AND status <> 'withdrawn') AS hold;

-- Offers listed again are no longer pending.
UPDATE pending_withdrawals SET resolved_at = $now, resolution = 'listed again', resolved_run_id = $run_id
WHERE source_id = $source_id AND resolved_at IS NULL
  AND offer_id IN (SELECT offer_id FROM stage_offers);

CREATE OR REPLACE TEMP TABLE stage_gone AS
SELECT o.offer_id, o.version, o.content_hash,
       CASE WHEN o.offer_id IN (SELECT offer_id FROM stage_deleted) THEN 'deleted'
            WHEN o.offer_id IN (SELECT offer_id FROM pending_withdrawals
                                WHERE source_id = $source_id AND resolved_at IS NULL)
                 THEN 'confirmed'
            ELSE 'missing' END AS why
FROM offers o
WHERE o.source_id = $source_id
  AND o.status <> 'withdrawn'
  AND (
        o.offer_id IN (SELECT offer_id FROM stage_deleted)
        OR (o.offer_id IN (SELECT offer_id FROM stage_missing)
            AND (NOT (SELECT hold FROM stage_hold)
                 OR o.offer_id IN (SELECT offer_id FROM pending_withdrawals
                                   WHERE source_id = $source_id AND resolved_at IS NULL)))
      );

UPDATE pending_withdrawals SET resolved_at = $now, resolution = 'confirmed', resolved_run_id = $run_id
WHERE source_id = $source_id AND resolved_at IS NULL
  AND offer_id IN (SELECT offer_id FROM stage_gone);

CREATE OR REPLACE TEMP TABLE stage_held AS
SELECT offer_id FROM stage_missing
WHERE (SELECT hold FROM stage_hold)
  AND offer_id NOT IN (SELECT offer_id FROM stage_gone)
  AND offer_id NOT IN (SELECT offer_id FROM pending_withdrawals
                       WHERE source_id = $source_id AND resolved_at IS NULL);

INSERT INTO pending_withdrawals (offer_id, source_id, run_id, detected_at)
SELECT offer_id, $source_id, $run_id, $now FROM stage_held;

INSERT INTO offer_versions
SELECT offer_id, version + 1, 'withdrawn', $run_id, $now, content_hash, NULL, NULL
FROM stage_gone;

UPDATE offers SET
    status       = 'withdrawn',
    withdrawn_at = $now,
    version      = version + 1,
    last_changed = $now
WHERE offer_id IN (SELECT offer_id FROM stage_gone);

-- Locations: upsert by id, keep when they were first seen and last changed.
CREATE OR REPLACE TEMP TABLE stage_location_class AS
SELECT s.*, l.content_hash AS old_hash
FROM (SELECT DISTINCT ON (location_id) * FROM stage_locations) s
LEFT JOIN locations l USING (location_id);

UPDATE locations AS l SET
    content_hash  = c.content_hash,
    last_changed  = CASE WHEN c.old_hash <> c.content_hash THEN $now ELSE l.last_changed END,
    last_verified = $now,
    run_id        = $run_id,
    record        = c.record
FROM stage_location_class c
WHERE l.location_id = c.location_id;

INSERT INTO locations
SELECT location_id, $source_id, content_hash, $now, $now, $now, $run_id, record
FROM stage_location_class
WHERE old_hash IS NULL;

INSERT INTO quarantine
SELECT $run_id, $source_id, record_key, raw_id, field, reason, message, $now
FROM stage_quarantine;
