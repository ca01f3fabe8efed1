package io.mailplatform.store.directory;

/**
 * What the directory says about a recipient address when it is offered (at RCPT): whether the
 * domain is ours and whether the address leads anywhere, and whether it is a members-only list
 * whose senders must be checked.
 *
 * @param kind the answer
 * @param list the normalized address of the members-only list, for {@link Kind#MEMBERS_ONLY_LIST}; else null
 */
public record RecipientLookup(Kind kind, String list) {
    public static final RecipientLookup NOT_LOCAL = new RecipientLookup(Kind.NOT_LOCAL, null);
    public static final RecipientLookup UNKNOWN = new RecipientLookup(Kind.UNKNOWN, null);
    public static final RecipientLookup DELIVERABLE = new RecipientLookup(Kind.DELIVERABLE, null);

    public enum Kind {
        /** Not one of our domains. */
        NOT_LOCAL,
        /** A local domain without anywhere to deliver this address (or its account is disabled). */
        UNKNOWN,
        /** An account, alias, list, subaddress, the postmaster or a catch-all. */
        DELIVERABLE,
        /** A distribution list that accepts mail from its members only. */
        MEMBERS_ONLY_LIST
    }

    public static RecipientLookup membersOnlyList(String list) {
        return new RecipientLookup(Kind.MEMBERS_ONLY_LIST, list);
    }
}
