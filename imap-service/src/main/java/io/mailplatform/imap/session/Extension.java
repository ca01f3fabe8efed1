package io.mailplatform.imap.session;

/** Extensions a client can switch on with ENABLE (RFC 9051 §6.3.1). */
public enum Extension {
    /** IMAP4rev2 behaviour: UTF-8 names and strings, ESEARCH, LIST in SELECT, no \Recent (RFC 9051 Appendix A). */
    IMAP4REV2("IMAP4rev2"),
    /** MODSEQ in FETCH responses and HIGHESTMODSEQ in SELECT (RFC 7162 §3.1). */
    CONDSTORE("CONDSTORE"),
    /** VANISHED instead of EXPUNGE, SELECT (QRESYNC ...), CLOSED; implies CONDSTORE (RFC 7162 §3.2). */
    QRESYNC("QRESYNC"),
    /** UTF-8 mailbox names, quoted strings and APPEND ... UTF8 (RFC 6855; part of IMAP4rev2). */
    UTF8_ACCEPT("UTF8=ACCEPT");

    private final String capability;

    Extension(String capability) {
        this.capability = capability;
    }

    public String capability() {
        return capability;
    }

    public static Extension byCapability(String name) {
        for (Extension extension : values()) {
            if (extension.capability.equalsIgnoreCase(name)) {
                return extension;
            }
        }
        return null;
    }
}
