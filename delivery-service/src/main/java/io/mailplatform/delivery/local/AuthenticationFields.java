package io.mailplatform.delivery.local;

import io.mailplatform.core.dkim.DkimResultsField;
import io.mailplatform.delivery.spf.SpfHeaders;
import java.nio.charset.StandardCharsets;

/**
 * The trace fields of the sender authentication checks, to go on top of the message: Received-SPF
 * (RFC 7208 §9.1), then one Authentication-Results field (RFC 8601) with the SPF, DKIM, DMARC and ARC results.
 */
final class AuthenticationFields {
    private AuthenticationFields() {
    }

    /** The fields, each ending in CRLF; empty when no check ran. */
    static byte[] render(AuthenticationState.Checked checked, String receiver) {
        StringBuilder fields = new StringBuilder(512);
        if (checked.spf() != null) {
            fields.append(SpfHeaders.receivedSpf(checked.spf(), receiver));
        }
        fields.append("Authentication-Results: ").append(results(checked, receiver)).append("\r\n");
        return fields.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the Authentication-Results field (RFC 8601 §2.2): authserv-id, then the results; also what ARC-Authentication-Results carries. */
    static String results(AuthenticationState.Checked checked, String receiver) {
        StringBuilder results = new StringBuilder(receiver);
        if (checked.spf() != null) {
            results.append(SpfHeaders.clauses(checked.spf()));
        }
        if (checked.dkim() != null) {
            results.append(DkimResultsField.clauses(checked.dkim()));
        }
        if (checked.dmarc() != null) {
            results.append(checked.dmarc().clause());
        }
        if (checked.arc() != null) {
            results.append(checked.arc().clause());
        }
        return results.toString();
    }
}
