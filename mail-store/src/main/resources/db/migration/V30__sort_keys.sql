-- IMAP SORT (RFC 5256, RFC 5957 DISPLAYFROM/DISPLAYTO): the text keys of each content, computed
-- once by the summary code (SortKeys in mail-core) when the content is stored, in the form their
-- comparator compares, so SORT orders them with the binary "C" collation and never parses a message.
-- Null: not computed yet (contents stored before this migration). Their keys need the decoded
-- envelope, which SQL cannot derive from the stored summary; the first SORT of a mailbox computes
-- the missing ones from the stored envelopes and writes them back (MessageSort), once.
-- ARRIVAL, DATE and SIZE use internal_date, sent_date and size, which exist already.
ALTER TABLE message_contents
    ADD COLUMN sort_subject      text,  -- base subject (RFC 5256 §2.1), i;ascii-casemap; '' when missing
    ADD COLUMN sort_from         text,  -- addr-mailbox of the first From address, i;ascii-casemap
    ADD COLUMN sort_to           text,  -- ... of the first To address
    ADD COLUMN sort_cc           text,  -- ... of the first Cc address
    ADD COLUMN sort_display_from text,  -- display name of the first From address, else mailbox@host; case folded
    ADD COLUMN sort_display_to   text;  -- ... of the first To address
