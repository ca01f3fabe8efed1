-- IMAP SEARCH conformance (issue 13).
-- SENTBEFORE/SENTON/SENTSINCE compare the date of the Date header disregarding its time and zone
-- (RFC 9051 §6.4.4), i.e. the date as written: sent_date, an instant, falls on the next or the
-- previous day in UTC for a message sent late or early in its sender's zone.
-- TEXT matches the whole header (RFC 9051 §6.4.4: "the header (including MIME header fields)"),
-- while search_vector holds only the subject, the addresses and the text parts.
ALTER TABLE message_contents
    ADD COLUMN sent_day      date,      -- the date of the Date header as written, in its own zone; null where sent_date is
    ADD COLUMN header_vector tsvector;  -- to_tsvector('simple', every header field of the message and its parts, decoded)

-- Existing contents get both from their stored header, in SQL, in one pass over the table (each
-- row's header is its first TOAST chunk; raw itself is not rewritten). The date as written is read
-- from the Date field in the usual ("5 Mar 2024", "05-Mar-24") and asctime ("Mar  5 ... 2024")
-- forms; a form this cannot read keeps the UTC date, as before. The header words come from the
-- message header as stored (MIME headers of parts and RFC 2047 encoded words are for contents
-- stored from now on; non-ASCII octets are left out rather than guessed). New contents get both
-- from the message parser.
CREATE FUNCTION v25_written_day(header text, sent timestamptz) RETURNS date
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    months CONSTANT text := 'janfebmaraprmayjunjulaugsepoctnovdec';
    value text;
    m text[];
    day int;
    month int;
    year int;
    year_digits int;
BEGIN
    IF sent IS NULL THEN
        RETURN NULL;
    END IF;
    -- the first Date field, with its folded lines, comments removed
    value := substring(header FROM '(?:^|\n)[Dd][Aa][Tt][Ee][ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)');
    IF value IS NULL THEN
        RETURN (sent AT TIME ZONE 'UTC')::date;
    END IF;
    value := regexp_replace(value, '\([^()]*\)', ' ', 'g');
    m := regexp_match(value, '(?:^|[^0-9])([0-9]{1,2})[ \t\r\n-]+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*'
                             '[ \t\r\n-]+([0-9]{2,4})(?:[^0-9]|$)', 'i');
    IF m IS NOT NULL THEN
        day := m[1]::int;
        month := (position(lower(m[2]) IN months) + 2) / 3;
        year := m[3]::int;
        year_digits := length(m[3]);
    ELSE
        m := regexp_match(value, '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ \t]+([0-9]{1,2})[ \t]+'
                                 '[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t]+([0-9]{4})(?:[^0-9]|$)', 'i');
        IF m IS NULL THEN
            RETURN (sent AT TIME ZONE 'UTC')::date;
        END IF;
        month := (position(lower(m[1]) IN months) + 2) / 3;
        day := m[2]::int;
        year := m[3]::int;
        year_digits := 4;
    END IF;
    -- RFC 5322 §4.3: two-digit years below 50 are 20xx, the others 19xx; three-digit years add 1900
    IF year_digits = 2 THEN
        year := CASE WHEN year < 50 THEN 2000 + year ELSE 1900 + year END;
    ELSIF year_digits = 3 THEN
        year := 1900 + year;
    END IF;
    IF year < 1 OR day < 1 OR day > extract(day FROM make_date(year, month, 1) + interval '1 month' - interval '1 day') THEN
        RETURN (sent AT TIME ZONE 'UTC')::date;
    END IF;
    RETURN make_date(year, month, day);
END
$$;

-- encode(..., 'escape') turns the octets into text that never fails (PostgreSQL text holds no NUL):
-- ASCII stays as it is, other octets become \ooo escapes
UPDATE message_contents
SET sent_day = v25_written_day(encode(substring(raw FROM 1 FOR body_offset), 'escape'), sent_date),
    header_vector = to_tsvector('simple', regexp_replace(encode(substring(raw FROM 1 FOR body_offset), 'escape'),
                                                         '\\[0-7]{3}|\\\\', ' ', 'g'));

DROP FUNCTION v25_written_day(text, timestamptz);

CREATE INDEX message_contents_header_search ON message_contents USING gin (header_vector);
