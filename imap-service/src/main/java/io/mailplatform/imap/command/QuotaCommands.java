package io.mailplatform.imap.command;

import java.util.List;

/** The QUOTA commands (RFC 9208 §4.1), valid in the authenticated and selected states. */
public final class QuotaCommands {
    private QuotaCommands() {
    }

    /** GETQUOTA quota-root (RFC 9208 §4.1.1). */
    public record GetQuota(String tag, String root) implements ImapCommand {
    }

    /** GETQUOTAROOT mailbox (RFC 9208 §4.1.2), the mailbox name as the client sent it. */
    public record GetQuotaRoot(String tag, String mailbox) implements ImapCommand {
    }

    /** One {@code setquota-resource}: a resource name (upper-cased) and its new limit. */
    public record ResourceLimit(String resource, long limit) {
    }

    /** SETQUOTA quota-root (limits) (RFC 9208 §4.1.3); parsed so it can be refused properly. */
    public record SetQuota(String tag, String root, List<ResourceLimit> limits) implements ImapCommand {
        public SetQuota {
            limits = List.copyOf(limits);
        }
    }
}
