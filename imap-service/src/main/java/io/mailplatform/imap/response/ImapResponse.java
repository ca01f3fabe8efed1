package io.mailplatform.imap.response;

import io.mailplatform.core.thread.ThreadNode;
import java.util.List;

/**
 * Server responses (RFC 9051 §7) as data. Each has one encoder ({@code encode} package); mailbox
 * names are UTF-8 here and encoded per the session's mode (modified UTF-7 for IMAP4rev1).
 */
public sealed interface ImapResponse {

    /** OK, NO, BAD, PREAUTH, BYE (RFC 9051 §7.1). */
    enum Condition {
        OK, NO, BAD, PREAUTH, BYE
    }

    /**
     * A status response.
     *
     * @param tag the command's tag, or null for an untagged response
     * @param code the response code, or null
     */
    record Status(String tag, Condition condition, ResponseCode code, String text) implements ImapResponse {
        public static Status ok(String tag, String text) {
            return new Status(tag, Condition.OK, null, text);
        }

        public static Status ok(String tag, ResponseCode code, String text) {
            return new Status(tag, Condition.OK, code, text);
        }

        public static Status no(String tag, ResponseCode code, String text) {
            return new Status(tag, Condition.NO, code, text);
        }

        public static Status bad(String tag, ResponseCode code, String text) {
            return new Status(tag, Condition.BAD, code, text);
        }

        public static Status bye(String text) {
            return new Status(null, Condition.BYE, null, text);
        }
    }

    record Capability(List<String> capabilities) implements ImapResponse {
    }

    record Enabled(List<String> capabilities) implements ImapResponse {
    }

    record Exists(long count) implements ImapResponse {
    }

    /** RECENT (IMAP4rev1 only). */
    record Recent(long count) implements ImapResponse {
    }

    record Expunge(long msn) implements ImapResponse {
    }

    /**
     * VANISHED (RFC 7162 §3.2.10): expunged UIDs once QRESYNC is enabled; {@code earlier} for
     * messages expunged before (SELECT ... QRESYNC, UID FETCH ... VANISHED), which change no
     * message numbers.
     *
     * @param uids the UIDs in wire form
     */
    record Vanished(boolean earlier, String uids) implements ImapResponse {
    }

    record Flags(List<String> flags) implements ImapResponse {
    }

    record Fetch(long msn, List<FetchValue> values) implements ImapResponse {
        public Fetch {
            values = List.copyOf(values);
        }
    }

    /** An extended data item of a LIST response (CHILDINFO, OLDNAME). */
    record ListExtension(String tag, List<String> values, boolean mailboxNames) {
    }

    /** LIST or LSUB: attributes, the delimiter "/", the name, extended data items. */
    record MailboxList(boolean lsub, List<String> attributes, String name, List<ListExtension> extensions)
            implements ImapResponse {
    }

    /** A STATUS item with its value in wire form: a number, or MAILBOXID's {@code (objectid)} (RFC 8474 §4). */
    record StatusValue(String item, String value) {
        public StatusValue(String item, long value) {
            this(item, Long.toString(value));
        }
    }

    /** STATUS data (RFC 9051 §7.3.3). */
    record StatusData(String mailbox, List<StatusValue> values) implements ImapResponse {
    }

    /**
     * SEARCH data of IMAP4rev1 (RFC 3501 §7.2.5).
     *
     * @param modSeq the highest MODSEQ of the matches for a search with MODSEQ (RFC 7162 §3.1.5), or null
     */
    record Search(long[] numbers, Long modSeq) implements ImapResponse {
        public Search(long[] numbers) {
            this(numbers, null);
        }
    }

    /** SORT (RFC 5256 §4): the numbers in sort order. */
    record Sort(long[] numbers) implements ImapResponse {
    }

    /** THREAD (RFC 5256 §4): the threads, with message numbers or UIDs. */
    record Thread(List<ThreadNode> threads) implements ImapResponse {
        public Thread {
            threads = List.copyOf(threads);
        }
    }

    /**
     * ESEARCH (RFC 9051 §7.3.4): only the non-null items are written.
     *
     * @param all the matches as a sequence set in wire form, or null
     */
    record Esearch(String tag, boolean uid, Long min, Long max, String all, Long count, Long modSeq)
            implements ImapResponse {
        public Esearch(String tag, boolean uid, Long min, Long max, String all, Long count) {
            this(tag, uid, min, max, all, count, null);
        }
    }

    /** One resource of a QUOTA response (RFC 9208 §5.1): usage and limit in the resource's units. */
    record QuotaResource(String name, long usage, long limit) {
    }

    /** QUOTA (RFC 9208 §4.2.1): a quota root and its resources, at least one. */
    record Quota(String root, List<QuotaResource> resources) implements ImapResponse {
        public Quota {
            resources = List.copyOf(resources);
        }
    }

    /** QUOTAROOT (RFC 9208 §4.2.2): a mailbox (UTF-8) and its quota roots, possibly none. */
    record QuotaRoot(String mailbox, List<String> roots) implements ImapResponse {
        public QuotaRoot {
            roots = List.copyOf(roots);
        }
    }

    /**
     * METADATA (RFC 5464 §4.4.1): entries of a mailbox (UTF-8), or of the server when {@code mailbox}
     * is null; an entry with a null value is written NIL.
     */
    record Metadata(String mailbox, List<io.mailplatform.store.mailbox.MetadataEntry> entries) implements ImapResponse {
        public Metadata {
            entries = List.copyOf(entries);
        }
    }

    /**
     * NAMESPACE (RFC 9051 §6.3.10, RFC 2342): the personal namespace "" and, when given, the other
     * users' namespace prefix (e.g. "Other Users/") and the shared one (e.g. "Shared Folders/"), all with "/".
     */
    record Namespace(String otherUsers, String sharedFolders) implements ImapResponse {
    }

    /** One identifier and its rights in an ACL response (RFC 4314 §3.6). */
    record AclEntry(String identifier, String rights) {
    }

    /** ACL (RFC 4314 §3.6): a mailbox (UTF-8) and its entries. */
    record Acl(String mailbox, List<AclEntry> entries) implements ImapResponse {
        public Acl {
            entries = List.copyOf(entries);
        }
    }

    /** LISTRIGHTS (RFC 4314 §3.7): the rights always granted, then those that may be granted, in groups. */
    record ListRights(String mailbox, String identifier, String required, List<String> optional) implements ImapResponse {
        public ListRights {
            optional = List.copyOf(optional);
        }
    }

    /** MYRIGHTS (RFC 4314 §3.8). */
    record MyRights(String mailbox, String rights) implements ImapResponse {
    }

    /** ID data (RFC 2971): field/value pairs. */
    record IdData(List<String> parameters) implements ImapResponse {
    }

    /** A command continuation request, "+ text" (RFC 9051 §7.6). */
    record Continuation(String text) implements ImapResponse {
    }
}
