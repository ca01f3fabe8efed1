package io.mailplatform.imap.response;

import java.util.List;

/**
 * A response code (RFC 9051 §7.1): an atom and optional arguments, written as
 * {@code [NAME arguments]}. Arguments are already in wire form (ASCII).
 */
public record ResponseCode(String name, String arguments) {
    public static final ResponseCode ALERT = of("ALERT");
    public static final ResponseCode ALREADYEXISTS = of("ALREADYEXISTS");
    public static final ResponseCode AUTHENTICATIONFAILED = of("AUTHENTICATIONFAILED");
    public static final ResponseCode AUTHORIZATIONFAILED = of("AUTHORIZATIONFAILED");
    public static final ResponseCode CANNOT = of("CANNOT");
    public static final ResponseCode CLIENTBUG = of("CLIENTBUG");
    public static final ResponseCode CLOSED = of("CLOSED");
    /** RFC 4978 §3: COMPRESS when compression is active already. */
    public static final ResponseCode COMPRESSIONACTIVE = of("COMPRESSIONACTIVE");
    public static final ResponseCode CONTACTADMIN = of("CONTACTADMIN");
    public static final ResponseCode EXPUNGEISSUED = of("EXPUNGEISSUED");
    public static final ResponseCode HASCHILDREN = of("HASCHILDREN");
    public static final ResponseCode INUSE = of("INUSE");
    public static final ResponseCode LIMIT = of("LIMIT");
    public static final ResponseCode NONEXISTENT = of("NONEXISTENT");
    public static final ResponseCode NOPERM = of("NOPERM");
    public static final ResponseCode NOTSAVED = of("NOTSAVED");
    public static final ResponseCode OVERQUOTA = of("OVERQUOTA");
    public static final ResponseCode PARSE = of("PARSE");
    public static final ResponseCode PRIVACYREQUIRED = of("PRIVACYREQUIRED");
    public static final ResponseCode READ_ONLY = of("READ-ONLY");
    public static final ResponseCode READ_WRITE = of("READ-WRITE");
    public static final ResponseCode SERVERBUG = of("SERVERBUG");
    /** RFC 4469 / RFC 7889: a literal or message larger than the server accepts. */
    public static final ResponseCode TOOBIG = of("TOOBIG");
    public static final ResponseCode TRYCREATE = of("TRYCREATE");
    public static final ResponseCode UNAVAILABLE = of("UNAVAILABLE");
    public static final ResponseCode UNKNOWN_CTE = of("UNKNOWN-CTE");

    public static ResponseCode of(String name) {
        return new ResponseCode(name, null);
    }

    public static ResponseCode uidNext(long uidNext) {
        return new ResponseCode("UIDNEXT", Long.toString(uidNext));
    }

    public static ResponseCode uidValidity(long uidValidity) {
        return new ResponseCode("UIDVALIDITY", Long.toString(uidValidity));
    }

    public static ResponseCode unseen(long msn) {
        return new ResponseCode("UNSEEN", Long.toString(msn));
    }

    public static ResponseCode permanentFlags(List<String> flags) {
        return new ResponseCode("PERMANENTFLAGS", "(" + String.join(" ", flags) + ")");
    }

    public static ResponseCode capability(List<String> capabilities) {
        return new ResponseCode("CAPABILITY", String.join(" ", capabilities));
    }

    public static ResponseCode badCharset(List<String> supported) {
        return new ResponseCode("BADCHARSET", "(" + String.join(" ", supported) + ")");
    }

    /** RFC 4315 APPENDUID. */
    public static ResponseCode appendUid(long uidValidity, long uid) {
        return appendUid(uidValidity, Long.toString(uid));
    }

    /** RFC 4315 APPENDUID with a UID set in wire form (MULTIAPPEND, RFC 3502). */
    public static ResponseCode appendUid(long uidValidity, String uids) {
        return new ResponseCode("APPENDUID", uidValidity + " " + uids);
    }

    /** RFC 4315 COPYUID with source and target UID sets in wire form. */
    public static ResponseCode copyUid(long uidValidity, String sourceUids, String targetUids) {
        return new ResponseCode("COPYUID", uidValidity + " " + sourceUids + " " + targetUids);
    }

    /** RFC 7162 §3.1.2.1: the mailbox's highest mod-sequence. */
    public static ResponseCode highestModSeq(long modSeq) {
        return new ResponseCode("HIGHESTMODSEQ", Long.toString(modSeq));
    }

    /** RFC 7162 §3.1.3: the messages a conditional STORE left alone, in wire form. */
    public static ResponseCode modified(String set) {
        return new ResponseCode("MODIFIED", set);
    }

    /** RFC 8474 §4: the object id of the mailbox created or selected. */
    public static ResponseCode mailboxId(String objectId) {
        return new ResponseCode("MAILBOXID", "(" + objectId + ")");
    }

    public String wire() {
        return arguments == null ? name : name + " " + arguments;
    }
}
