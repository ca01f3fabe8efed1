package io.mailplatform.core.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Base64 as SASL profiles use it: strict alphabet, "=" alone meaning an empty response (RFC 4954 §4). */
public final class SaslBase64 {
    private SaslBase64() {
    }

    public static byte[] decode(String text) throws SaslException {
        String trimmed = text.trim();
        if (trimmed.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new SaslException("invalid base64");
        }
    }

    public static String decodeUtf8(String text) throws SaslException {
        return new String(decode(text), StandardCharsets.UTF_8);
    }

    public static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
