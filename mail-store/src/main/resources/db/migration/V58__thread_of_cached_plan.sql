-- V57's thread_of and message_thread in PL/pgSQL, same rule. An SQL function's body is planned again at every
-- call (its plan lives only as long as the calling statement), and planning thread_of's statement took longer
-- than running it (0.4 ms against 0.1-0.25 ms): the larger part of an APPEND's time in PostgreSQL under load.
-- PL/pgSQL keeps the plan for the session, generic under the store's plan_cache_mode. The lookup probes the index
-- once per key (LATERAL), so the generic plan does not fall back to a scan of all the account's keys.
CREATE OR REPLACE FUNCTION thread_of(account bigint, content bigint, own text, refs text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    thread bigint;
BEGIN
    WITH keys AS (SELECT k.hash, k.rank FROM message_thread_keys(own, refs) k),
    chosen AS (
        -- the own Message-ID first, then the nearest reference; among threads of one key, the oldest
        SELECT coalesce((SELECT t.thread_id FROM keys k
                         CROSS JOIN LATERAL (SELECT i.thread_id FROM thread_message_ids i
                                             WHERE i.account_id = account AND i.message_id_hash = k.hash
                                             ORDER BY i.thread_id LIMIT 1) t
                         ORDER BY k.rank DESC, t.thread_id LIMIT 1), content) AS id),
    registered AS (
        INSERT INTO thread_message_ids (account_id, message_id_hash, thread_id)
        SELECT account, k.hash, c.id FROM keys k, chosen c
        WHERE NOT EXISTS (SELECT 1 FROM thread_message_ids i WHERE i.account_id = account AND i.message_id_hash = k.hash))
    SELECT id INTO thread FROM chosen;
    RETURN thread;
END $$;

CREATE OR REPLACE FUNCTION message_thread(account bigint, content bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    own text;
    refs text;
BEGIN
    SELECT c.thread_message_id, c.thread_references INTO own, refs FROM message_contents c WHERE c.id = content;
    IF NOT FOUND THEN
        RETURN content;
    END IF;
    RETURN thread_of(account, content, own, refs);
END $$;
