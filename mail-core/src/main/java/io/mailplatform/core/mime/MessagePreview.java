package io.mailplatform.core.mime;

/**
 * The preview of a message (RFC 8970 IMAP PREVIEW, and any list view that wants the same): the
 * beginning of its first text part that is not an attachment, transfer encoding undone, charset
 * converted, tags of text/html stripped (text/plain preferred among alternatives), every run of
 * white space one space, at most {@link #MAX_CHARACTERS} characters. Empty when the message has no
 * such text.
 */
public final class MessagePreview {
    /** RFC 8970 §3: a preview is at most 256 characters. */
    public static final int MAX_CHARACTERS = 256;
    /** Octets of a part looked at: enough for 256 characters after base64, markup and white space. */
    private static final int SCAN_OCTETS = 16 * 1024;

    private MessagePreview() {
    }

    public static String of(byte[] message, BodyPart body) {
        BodyPart part = firstText(body);
        if (part == null) {
            return "";
        }
        int end = (int) Math.min(part.endOffset(), (long) part.bodyOffset() + SCAN_OCTETS);
        String text = PartContent.text(message, part, end);
        if (part.subtype().equalsIgnoreCase("html")) {
            text = HtmlText.strip(text);
        }
        return normalize(text);
    }

    /** White space runs to one space, trimmed, cut at {@link #MAX_CHARACTERS} code points, no control characters. */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARACTERS * 2));
        int count = 0;
        boolean space = false;
        for (int i = 0; i < text.length() && count < MAX_CHARACTERS; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                count++;
                space = false;
                if (count == MAX_CHARACTERS) {
                    break;
                }
            }
            out.appendCodePoint(c);
            count++;
        }
        return out.toString();
    }

    private static BodyPart firstText(BodyPart part) {
        if (part.isMultipart()) {
            boolean alternative = part.subtype().equalsIgnoreCase("alternative");
            if (alternative) {
                for (BodyPart child : part.parts()) {
                    if (isText(child, "plain")) {
                        return child;
                    }
                }
            }
            for (BodyPart child : part.parts()) {
                BodyPart found = firstText(child);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (part.message() != null) {
            // an attached message is not this message's text
            return null;
        }
        boolean attachment = part.disposition() != null && part.disposition().type().equalsIgnoreCase("attachment");
        return !attachment && (isText(part, "plain") || isText(part, "html")) ? part : null;
    }

    private static boolean isText(BodyPart part, String subtype) {
        return part.type().equalsIgnoreCase("text") && part.subtype().equalsIgnoreCase(subtype);
    }
}
