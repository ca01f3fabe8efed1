-- IMAP OBJECTID THREADID (RFC 8474 §5.2): every message row carries the id of its thread, assigned once when the
-- row is inserted and never changed, so FETCH THREADID is a column read. The client sees a salted digest of it
-- (ObjectIds, like EMAILID), never the number. A thread's id is the content id of the message that started it.
--
-- The rule (as Gmail's): a new message joins the thread of an earlier message of the same account when the two
-- share a Message-ID, counting each message's own Message-ID and the ids of its References (else In-Reply-To),
-- the thread keys of V34. So a reply joins its parent's thread, a parent arriving after its reply joins the
-- reply's thread, and two replies to a message the account never had join each other. The base subject plays
-- no part: unrelated messages share subjects. Threads never merge: a message that would join two threads joins
-- the one its own Message-ID names, else the one of its nearest reference; the other keeps its id (ids stay
-- stable, which RFC 8474 §5.2 asks for). COPY and MOVE give the copy the source's thread id.
ALTER TABLE messages ADD COLUMN thread_id bigint;

-- The Message-IDs each account has seen (own and referenced, hashed: fixed size, nothing to index twice) and the
-- thread each first came with. A key outlives the messages that brought it, so a reply to a deleted message
-- still joins the thread of its siblings; the rows go with the account. Not unique: two writers racing with
-- the same new key each insert it rather than one waiting for the other (or deadlocking with it); a lookup
-- then takes the lowest thread id.
CREATE TABLE thread_message_ids (
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    message_id_hash bytea  NOT NULL, -- first 16 octets of SHA-256 of the normalized id (ThreadKeys)
    thread_id       bigint NOT NULL
);
CREATE INDEX thread_message_ids_key ON thread_message_ids (account_id, message_id_hash);

-- The thread of a new message of the account with the content: one primary-key read of the content, one index
-- probe per key (its Message-ID and references, usually a handful), and an insert of the keys not seen before.
-- Contents without keys (stored before V34 and never threaded since) start a thread of their own.
CREATE FUNCTION message_thread(account bigint, content bigint) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    own text;
    refs text;
    keys bytea[];
    found bigint;
BEGIN
    SELECT c.thread_message_id, c.thread_references INTO own, refs FROM message_contents c WHERE c.id = content;
    -- own Message-ID first, then the references nearest the message first
    SELECT array_agg(k.hash ORDER BY k.rank DESC) INTO keys
    FROM (SELECT substr(sha256(convert_to(ids.id, 'UTF8')), 1, 16) AS hash, max(ids.rank) AS rank
          FROM (SELECT own AS id, 2147483647::bigint AS rank
                UNION ALL
                SELECT r.id, r.n FROM unnest(string_to_array(nullif(refs, ''), ' ')) WITH ORDINALITY AS r(id, n)) ids
          WHERE ids.id IS NOT NULL
          GROUP BY 1) k;
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

-- Every writer that does not name a thread (delivery, APPEND, import, webmail) gets one here; COPY and MOVE name
-- the source's. A trigger, as V49's, so that no writer can forget it.
CREATE FUNCTION messages_assign_thread() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF NEW.thread_id IS NULL THEN
        NEW.thread_id := message_thread((SELECT b.account_id FROM mailboxes b WHERE b.id = NEW.mailbox_id),
                                        NEW.content_id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER messages_assign_thread BEFORE INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_assign_thread();

-- Existing messages are threaded here, by the same rule, in the order they arrived (internal date) in each
-- account: one pass, after which every message has a thread id.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT m.mailbox_id, m.uid, m.content_id, b.account_id
             FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
             ORDER BY b.account_id, m.internal_date, m.content_id, m.mailbox_id, m.uid LOOP
        UPDATE messages SET thread_id = message_thread(r.account_id, r.content_id)
        WHERE mailbox_id = r.mailbox_id AND uid = r.uid;
    END LOOP;
END $$;

ALTER TABLE messages ALTER COLUMN thread_id SET NOT NULL;
