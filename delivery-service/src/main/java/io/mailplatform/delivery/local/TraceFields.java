package io.mailplatform.delivery.local;

import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The trace fields delivery writes: Return-Path and Delivered-To per copy, and defences for the shared ones. */
public final class TraceFields {
    static final String FORGED_RESULTS = "X-Forged-Authentication-Results";

    private TraceFields() {
    }

    /**
     * The per-recipient prefix: {@code Return-Path} (RFC 5321 §4.4, added at final delivery) and
     * {@code Delivered-To} with the final recipient, which also lets loops through forwarding be seen.
     */
    public static byte[] prefix(String reversePath, String finalRecipient) {
        return ("Return-Path: <" + reversePath + ">\r\nDelivered-To: " + finalRecipient + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Renames incoming Authentication-Results fields that claim to come from us (RFC 8601 §5: a
     * receiver MUST remove or rename them), leaving every other byte as it was. Returns the same
     * array when there is none.
     */
    public static byte[] renameForgedResults(byte[] message, String authservId) {
        List<HeaderField> fields = HeaderSection.fields(message);
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (HeaderField field : fields) {
            if (!field.name().equalsIgnoreCase("Authentication-Results")) {
                continue;
            }
            String value = field.value(message);
            int end = 0;
            while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
                end++;
            }
            if (!value.substring(0, end).toLowerCase(Locale.ROOT).equals(authservId.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (out == null) {
                out = new ByteArrayOutputStream(message.length + 64);
            }
            out.write(message, copied, field.start() - copied);
            out.writeBytes(FORGED_RESULTS.getBytes(StandardCharsets.US_ASCII));
            copied = field.start() + field.name().length();
        }
        if (out == null) {
            return message;
        }
        out.write(message, copied, message.length - copied);
        return out.toByteArray();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
