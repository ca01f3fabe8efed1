-- V51's rule for the thread of a new message in one SQL statement, with one definition for every writer: the
-- insert trigger (through message_thread) and IMAP APPEND, which names the thread in its own statement so as not
-- to pay for the trigger's PL/pgSQL. V56's copy of the rule in APPEND's statement goes; message_thread now asks
-- this function too, one statement instead of four.
CREATE FUNCTION thread_of(account bigint, content bigint, own text, refs text) RETURNS bigint
LANGUAGE sql VOLATILE AS $$
    WITH keys AS (SELECT k.hash, k.rank FROM message_thread_keys(own, refs) k),
    found AS (
        -- the own Message-ID first, then the nearest reference; among threads of one key, the oldest
        SELECT coalesce((SELECT t.thread_id FROM keys k
                         JOIN thread_message_ids t ON t.account_id = account AND t.message_id_hash = k.hash
                         ORDER BY k.rank DESC, t.thread_id LIMIT 1), content) AS id),
    registered AS (
        INSERT INTO thread_message_ids (account_id, message_id_hash, thread_id)
        SELECT account, k.hash, f.id FROM keys k, found f
        WHERE NOT EXISTS (SELECT 1 FROM thread_message_ids t WHERE t.account_id = account AND t.message_id_hash = k.hash))
    SELECT id FROM found
$$;

CREATE OR REPLACE FUNCTION message_thread(account bigint, content bigint) RETURNS bigint LANGUAGE sql VOLATILE AS $$
    SELECT coalesce((SELECT thread_of(account, content, c.thread_message_id, c.thread_references)
                     FROM message_contents c WHERE c.id = content), content)
$$;
