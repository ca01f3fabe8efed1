package io.mailplatform.core.dkim;

import io.mailplatform.core.mime.HeaderField;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data a DKIM signature covers besides the body hash (RFC 6376 §3.7): the fields named in h=,
 * each instance taken from the bottom of the header up, a name with no instance left contributing
 * nothing (which is what makes "oversigning" work), then the DKIM-Signature field itself with an
 * empty b= value and without its final line break.
 */
public final class HeaderHashInput {
    private HeaderHashInput() {
    }

    public static byte[] of(byte[] message, List<HeaderField> fields, List<String> signedNames,
            Canonicalization canonicalization, byte[] signatureField) {
        Map<String, List<HeaderField>> byName = new HashMap<>();
        for (HeaderField field : fields) {
            byName.computeIfAbsent(field.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(field);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        for (String name : signedNames) {
            List<HeaderField> instances = byName.get(name.toLowerCase(Locale.ROOT));
            if (instances != null && !instances.isEmpty()) {
                canonicalization.header(message, instances.remove(instances.size() - 1), out);
            }
        }
        appendSignatureField(signatureField, canonicalization, out);
        return out.toByteArray();
    }

    /**
     * Appends a signature field as its own signature covers it: its b= value removed, canonicalised,
     * without its final line break. ARC-Seal (RFC 8617 §5.1.1) ends its input the same way.
     */
    public static void appendSignatureField(byte[] signatureField, Canonicalization canonicalization,
            ByteArrayOutputStream out) {
        byte[] withoutB = withoutSignatureValue(signatureField);
        int colon = indexOf(withoutB, (byte) ':');
        int end = withoutB.length;
        while (end > 0 && (withoutB[end - 1] == '\n' || withoutB[end - 1] == '\r')) {
            end--;
        }
        ByteArrayOutputStream self = new ByteArrayOutputStream(withoutB.length);
        canonicalization.header(withoutB, 0, colon + 1, end, self);
        byte[] canonical = self.toByteArray();
        int length = canonical.length;
        if (length >= 2 && canonical[length - 2] == '\r' && canonical[length - 1] == '\n') {
            length -= 2; // relaxed always ends the field in CRLF; the signature field goes in without it
        }
        out.write(canonical, 0, length);
    }

    /** The whole field (name, colon, value) with the value of its b= tag removed, every other byte kept. */
    static byte[] withoutSignatureValue(byte[] field) {
        String text = new String(field, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, colon + 1);
        int segmentStart = colon + 1;
        while (segmentStart <= text.length()) {
            int semicolon = text.indexOf(';', segmentStart);
            int segmentEnd = semicolon < 0 ? trailingBreak(text) : semicolon;
            String segment = text.substring(segmentStart, segmentEnd);
            int equals = segment.indexOf('=');
            if (equals >= 0 && segment.substring(0, equals).strip().equals("b")) {
                out.append(segment, 0, equals + 1);
            } else {
                out.append(segment);
            }
            if (semicolon < 0) {
                out.append(text, segmentEnd, text.length());
                break;
            }
            out.append(';');
            segmentStart = semicolon + 1;
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int trailingBreak(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
