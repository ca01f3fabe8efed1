package io.mailplatform.imap.encode;

import io.mailplatform.imap.response.ImapResponse;

/** QUOTA and QUOTAROOT responses (RFC 9208 §4.2, ABNF in §6). */
final class QuotaEncoders {
    private QuotaEncoders() {
    }

    /** {@code "QUOTA" SP quota-root-name SP "(" quota-resource *(SP quota-resource) ")"}. */
    static void quota(ImapResponse.Quota quota, ImapWriter w) {
        w.raw("* QUOTA ").astring(quota.root()).sp().open();
        for (int i = 0; i < quota.resources().size(); i++) {
            ImapResponse.QuotaResource resource = quota.resources().get(i);
            if (i > 0) {
                w.sp();
            }
            w.raw(resource.name()).sp().number(resource.usage()).sp().number(resource.limit());
        }
        w.close().crlf();
    }

    /** {@code "QUOTAROOT" SP mailbox *(SP quota-root-name)}. */
    static void quotaRoot(ImapResponse.QuotaRoot quotaRoot, ImapWriter w) {
        w.raw("* QUOTAROOT ").mailbox(quotaRoot.mailbox());
        for (String root : quotaRoot.roots()) {
            w.sp().astring(root);
        }
        w.crlf();
    }
}
