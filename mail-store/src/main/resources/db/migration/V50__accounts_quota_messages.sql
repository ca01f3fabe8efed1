-- QUOTA MESSAGE resource (RFC 9208 §5.2): the most messages an account may hold; null: unlimited
ALTER TABLE accounts ADD COLUMN quota_messages bigint CHECK (quota_messages >= 0);
