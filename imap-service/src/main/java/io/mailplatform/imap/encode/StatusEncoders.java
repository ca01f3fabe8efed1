package io.mailplatform.imap.encode;

import io.mailplatform.imap.response.ImapResponse;
import java.util.List;

/** Status responses, continuation requests and server status data (RFC 9051 §7.1, §7.2, §7.6). */
final class StatusEncoders {
    private StatusEncoders() {
    }

    /** {@code tag/"*" SP ("OK"/"NO"/"BAD"/"PREAUTH"/"BYE") SP ["[" resp-text-code "]" SP] text}. */
    static void status(ImapResponse.Status status, ImapWriter w) {
        w.raw(status.tag() == null ? "*" : status.tag()).sp().raw(status.condition().name()).sp();
        if (status.code() != null) {
            w.raw("[").raw(status.code().wire()).raw("]").sp();
        }
        w.text(status.text().isEmpty() ? status.condition().name().toLowerCase(java.util.Locale.ROOT) : status.text())
                .crlf();
    }

    static void continuation(ImapResponse.Continuation continuation, ImapWriter w) {
        w.raw("+ ").text(continuation.text()).crlf();
    }

    static void capability(ImapResponse.Capability capability, ImapWriter w) {
        w.raw("* CAPABILITY");
        for (String name : capability.capabilities()) {
            w.sp().raw(name);
        }
        w.crlf();
    }

    static void enabled(ImapResponse.Enabled enabled, ImapWriter w) {
        w.raw("* ENABLED");
        for (String name : enabled.capabilities()) {
            w.sp().raw(name);
        }
        w.crlf();
    }

    /** RFC 2971 §3.2: {@code "*" SP "ID" SP ("(" string SP nstring ... ")" / NIL)}. */
    static void id(ImapResponse.IdData id, ImapWriter w) {
        w.raw("* ID ");
        List<String> parameters = id.parameters();
        if (parameters == null || parameters.isEmpty()) {
            w.nil().crlf();
            return;
        }
        w.open();
        for (int i = 0; i < parameters.size(); i += 2) {
            if (i > 0) {
                w.sp();
            }
            w.string(parameters.get(i)).sp().nstring(parameters.get(i + 1));
        }
        w.close().crlf();
    }

    static void namespace(ImapResponse.Namespace namespace, ImapWriter w) {
        w.raw("* NAMESPACE ((\"\" \"/\")) ");
        namespaceList(namespace.otherUsers(), w);
        w.sp();
        namespaceList(namespace.sharedFolders(), w);
        w.crlf();
    }

    /** One RFC 2342 namespace list of one namespace (prefix and "/"), or NIL without one. */
    private static void namespaceList(String prefix, ImapWriter w) {
        if (prefix == null) {
            w.nil();
        } else {
            w.open().open().mailbox(prefix).sp().quoted("/").close().close();
        }
    }
}
