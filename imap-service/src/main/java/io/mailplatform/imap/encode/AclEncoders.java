package io.mailplatform.imap.encode;

import io.mailplatform.imap.response.ImapResponse;

/** ACL, LISTRIGHTS and MYRIGHTS responses (RFC 4314 §3.6 to §3.8, ABNF in §4). */
final class AclEncoders {
    private AclEncoders() {
    }

    /** {@code "ACL" SP mailbox *(SP identifier SP rights)}. */
    static void acl(ImapResponse.Acl acl, ImapWriter w) {
        w.raw("* ACL ").mailbox(acl.mailbox());
        for (ImapResponse.AclEntry entry : acl.entries()) {
            w.sp().astring(entry.identifier()).sp().astring(entry.rights());
        }
        w.crlf();
    }

    /** {@code "LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)}, the required set first, maybe "". */
    static void listRights(ImapResponse.ListRights listRights, ImapWriter w) {
        w.raw("* LISTRIGHTS ").mailbox(listRights.mailbox()).sp().astring(listRights.identifier()).sp()
                .astring(listRights.required());
        for (String optional : listRights.optional()) {
            w.sp().astring(optional);
        }
        w.crlf();
    }

    /** {@code "MYRIGHTS" SP mailbox SP rights}. */
    static void myRights(ImapResponse.MyRights myRights, ImapWriter w) {
        w.raw("* MYRIGHTS ").mailbox(myRights.mailbox()).sp().astring(myRights.rights()).crlf();
    }
}
