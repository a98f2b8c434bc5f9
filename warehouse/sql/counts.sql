-- Counts of one merge, read after merge_source.sql inside the same transaction.
SELECT
    count(*) FILTER (WHERE change = 'new')                                  AS new,
    count(*) FILTER (WHERE change = 'changed')                              AS changed,
    count(*) FILTER (WHERE change = 'reinstated')                           AS reinstated,
    count(*) FILTER (WHERE change = 'unchanged')                            AS unchanged,
    (SELECT count(*) FROM stage_gone WHERE why <> 'deleted')                AS withdrawn,
    (SELECT count(*) FROM stage_gone WHERE why = 'deleted')                 AS deleted,
    (SELECT count(*) FROM pending_withdrawals
     WHERE source_id = $source_id AND resolved_at IS NULL)                  AS pending
FROM stage_class;
