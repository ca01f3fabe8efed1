package io.mailplatform.store.mailbox;

/** The outcome of an APPEND: the mailbox's UIDVALIDITY and the new message's UID (RFC 4315 APPENDUID). */
public record AppendResult(long mailboxId, long uidValidity, long uid, long modSeq) {
}
