package io.mailplatform.core.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The PLAIN mechanism (RFC 4616): base64 of {@code [authzid] NUL authcid NUL passwd}. */
public final class SaslPlain {
    private SaslPlain() {
    }

    public static Credentials decode(String base64) throws SaslException {
        byte[] message = SaslBase64.decode(base64);
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (first < 0 || second < 0 || indexOf(message, second + 1) >= 0) {
            throw new SaslException("PLAIN message must be authzid NUL authcid NUL passwd");
        }
        String authzid = new String(message, 0, first, StandardCharsets.UTF_8);
        String authcid = new String(message, first + 1, second - first - 1, StandardCharsets.UTF_8);
        String password = new String(message, second + 1, message.length - second - 1, StandardCharsets.UTF_8);
        if (authcid.isEmpty()) {
            throw new SaslException("PLAIN message lacks an authentication identity");
        }
        return new Credentials(authzid, authcid, password);
    }

    public static String encode(String username, String password) {
        byte[] bytes = ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
