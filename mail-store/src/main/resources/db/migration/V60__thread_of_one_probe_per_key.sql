-- thread_of (V58) registered the keys not yet known with NOT EXISTS, which the planner turned into an anti join
-- against every key of the account: each APPEND and delivery read all the account's Message-ID hashes (200 rows in
-- a benchmark account, all of them in an account of 100,000 messages). Now one index probe per key answers both
-- questions, the thread to join and whether the key is new. Same rule as V58.
CREATE OR REPLACE FUNCTION thread_of(account bigint, content bigint, own text, refs text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    thread bigint;
BEGIN
    WITH keys AS (
        SELECT k.hash, k.rank, t.thread_id FROM message_thread_keys(own, refs) k
        LEFT JOIN LATERAL (SELECT i.thread_id FROM thread_message_ids i
                           WHERE i.account_id = account AND i.message_id_hash = k.hash
                           ORDER BY i.thread_id LIMIT 1) t ON true),
    chosen AS (
        -- the own Message-ID first, then the nearest reference; among threads of one key, the oldest
        SELECT coalesce((SELECT k.thread_id FROM keys k WHERE k.thread_id IS NOT NULL
                         ORDER BY k.rank DESC, k.thread_id LIMIT 1), content) AS id),
    registered AS (
        INSERT INTO thread_message_ids (account_id, message_id_hash, thread_id)
        SELECT account, k.hash, c.id FROM keys k, chosen c WHERE k.thread_id IS NULL)
    SELECT id INTO thread FROM chosen;
    RETURN thread;
END $$;
