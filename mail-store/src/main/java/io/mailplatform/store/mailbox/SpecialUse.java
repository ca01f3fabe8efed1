package io.mailplatform.store.mailbox;

/** The mailboxes every account starts with; all but INBOX carry an RFC 6154 special-use attribute. */
public enum SpecialUse {
    INBOX("INBOX", null),
    DRAFTS("Drafts", "\\Drafts"),
    SENT("Sent", "\\Sent"),
    JUNK("Junk", "\\Junk"),
    TRASH("Trash", "\\Trash");

    private final String defaultName;
    private final String attribute;

    SpecialUse(String defaultName, String attribute) {
        this.defaultName = defaultName;
        this.attribute = attribute;
    }

    public String defaultName() {
        return defaultName;
    }

    /** The RFC 6154 attribute, or null for INBOX. */
    public String attribute() {
        return attribute;
    }
}
