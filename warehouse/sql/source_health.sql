-- Each source's latest run, last success and since when it fails, from the run ledger.
WITH ordered AS (
    SELECT s.*, r.kind AS run_kind,
           row_number() OVER (PARTITION BY s.source_id ORDER BY s.started_at DESC) AS n
    FROM source_runs s LEFT JOIN runs r USING (run_id)
),
last_ok AS (
    SELECT source_id, max(started_at) AS last_success
    FROM source_runs WHERE status = 'ok' GROUP BY source_id
),
failing AS (
    SELECT o.source_id, min(o.started_at) AS failing_since
    FROM ordered o LEFT JOIN last_ok l USING (source_id)
    WHERE o.status <> 'ok' AND (l.last_success IS NULL OR o.started_at > l.last_success)
    GROUP BY o.source_id
),
pending AS (
    SELECT source_id, count(*) AS pending
    FROM pending_withdrawals WHERE resolved_at IS NULL GROUP BY source_id
)
SELECT o.source_id, o.run_id, o.status, o.reason, o.started_at, o.expected,
       l.last_success, f.failing_since, coalesce(p.pending, 0) AS pending
FROM ordered o
LEFT JOIN last_ok l USING (source_id)
LEFT JOIN failing f USING (source_id)
LEFT JOIN pending p USING (source_id)
WHERE o.n = 1
ORDER BY o.source_id
