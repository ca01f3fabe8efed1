package io.mailplatform.core.mime;

/**
 * The header of one MIME entity or message located in the message bytes: where it ends and where
 * the values of the fields this platform reads are. Only the first occurrence of a field counts.
 * The fields are found by {@link HeaderSection#scan}, the scanner every other reader of header
 * fields uses too, so that ENVELOPE, HEADER.FIELDS and delivery agree on what a field is.
 */
final class MimeHeader {
    static final int CONTENT_TYPE = 0;
    static final int CONTENT_TRANSFER_ENCODING = 1;
    static final int CONTENT_ID = 2;
    static final int CONTENT_DESCRIPTION = 3;
    static final int CONTENT_MD5 = 4;
    static final int CONTENT_DISPOSITION = 5;
    static final int CONTENT_LANGUAGE = 6;
    static final int CONTENT_LOCATION = 7;
    static final int DATE = 8;
    static final int SUBJECT = 9;
    static final int FROM = 10;
    static final int SENDER = 11;
    static final int REPLY_TO = 12;
    static final int TO = 13;
    static final int CC = 14;
    static final int BCC = 15;
    static final int IN_REPLY_TO = 16;
    static final int MESSAGE_ID = 17;

    private static final byte[][] NAMES = {
        bytes("content-type"), bytes("content-transfer-encoding"), bytes("content-id"), bytes("content-description"),
        bytes("content-md5"), bytes("content-disposition"), bytes("content-language"), bytes("content-location"),
        bytes("date"), bytes("subject"), bytes("from"), bytes("sender"), bytes("reply-to"), bytes("to"), bytes("cc"),
        bytes("bcc"), bytes("in-reply-to"), bytes("message-id")};

    final byte[] message;
    final int start;
    /** Offset of the body: after the blank line, or the end of the entity when there is none. */
    final int bodyOffset;
    private final int[] valueStart = new int[NAMES.length];
    private final int[] valueEnd = new int[NAMES.length];

    private MimeHeader(byte[] message, int start, int bodyOffset) {
        this.message = message;
        this.start = start;
        this.bodyOffset = bodyOffset;
        java.util.Arrays.fill(valueStart, -1);
    }

    /** Scans the header of the entity that starts at {@code start} and ends at {@code end}. */
    static MimeHeader scan(byte[] m, int start, int end) {
        MimeHeader header = new MimeHeader(m, start, HeaderSection.bodyOffset(m, start, end));
        header.scanFields();
        return header;
    }

    private void scanFields() {
        HeaderSection.scan(message, start, bodyOffset, (fieldStart, nameEnd, fieldValueStart, fieldEnd) -> {
            int field = lookup(message, fieldStart, nameEnd);
            if (field >= 0 && valueStart[field] < 0) {
                valueStart[field] = fieldValueStart;
                valueEnd[field] = fieldEnd;
            }
        });
    }

    boolean has(int field) {
        return valueStart[field] >= 0;
    }

    /** The unfolded, trimmed value of a field, or null when the field is absent. */
    String value(int field) {
        return valueStart[field] < 0 ? null : HeaderBytes.unfolded(message, valueStart[field], valueEnd[field]);
    }

    /** Like {@link #value(int)} but null also for a field that is present and empty. */
    String nonEmptyValue(int field) {
        String value = value(field);
        return value == null || value.isEmpty() ? null : value;
    }

    private static int lookup(byte[] m, int from, int to) {
        int length = to - from;
        for (int field = 0; field < NAMES.length; field++) {
            byte[] name = NAMES[field];
            if (name.length != length) {
                continue;
            }
            boolean equal = true;
            for (int i = 0; i < length; i++) {
                int b = m[from + i];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != name[i]) {
                    equal = false;
                    break;
                }
            }
            if (equal) {
                return field;
            }
        }
        return -1;
    }

    private static byte[] bytes(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
