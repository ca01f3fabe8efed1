-- The thread keys of V51 as a function of their own, so that a writer can assign the thread in its statement
-- (APPEND does: the trigger's PL/pgSQL, five statements of its own per message, was a third of an APPEND's time)
-- and message_thread() keeps the one definition: the own Message-ID (ranked first) and the references (the nearest,
-- last written, ranked next), hashed, each key once with its best rank.
CREATE FUNCTION message_thread_keys(own text, refs text) RETURNS TABLE (hash bytea, rank bigint)
LANGUAGE sql STABLE AS $$
    SELECT substr(sha256(convert_to(ids.id, 'UTF8')), 1, 16), max(ids.rank)
    FROM (SELECT own AS id, 2147483647::bigint AS rank
          UNION ALL
          SELECT r.id, r.n FROM unnest(string_to_array(nullif(refs, ''), ' ')) WITH ORDINALITY AS r(id, n)) ids
    WHERE ids.id IS NOT NULL
    GROUP BY 1
$$;

CREATE OR REPLACE FUNCTION message_thread(account bigint, content bigint) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    keys bytea[];
    found bigint;
BEGIN
    SELECT array_agg(k.hash ORDER BY k.rank DESC) INTO keys
    FROM message_contents c, message_thread_keys(c.thread_message_id, c.thread_references) k WHERE c.id = content;
    IF keys IS NULL THEN
        RETURN content;
    END IF;
    SELECT t.thread_id INTO found
    FROM unnest(keys) WITH ORDINALITY AS k(hash, n)
    JOIN thread_message_ids t ON t.account_id = account AND t.message_id_hash = k.hash
    ORDER BY k.n, t.thread_id
    LIMIT 1;
    found := coalesce(found, content);
    INSERT INTO thread_message_ids (account_id, message_id_hash, thread_id)
    SELECT account, k.hash, found FROM unnest(keys) AS k(hash)
    WHERE NOT EXISTS (SELECT 1 FROM thread_message_ids t WHERE t.account_id = account AND t.message_id_hash = k.hash);
    RETURN found;
END $$;
