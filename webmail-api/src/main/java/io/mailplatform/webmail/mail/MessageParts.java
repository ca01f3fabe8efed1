package io.mailplatform.webmail.mail;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.ContentTransferEncoding;
import io.mailplatform.core.mime.HeaderText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a reader sees of a message's MIME structure: the text body (the first inline text/plain),
 * the HTML body (the first inline text/html) and everything else as attachments, each named by its
 * IMAP part number ("1", "2.1": RFC 9051 §6.4.5), which is also how it is downloaded. An
 * encapsulated message is one attachment, not opened.
 */
record MessageParts(Located text, Located html, List<Located> attachments) {
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]{1,127}");

    /** A part and its part number. */
    record Located(String partId, BodyPart part) {
        String name() {
            String name = part.disposition() == null ? null : part.disposition().parameter("filename");
            if (name == null || name.isBlank()) {
                name = part.parameter("name");
            }
            if (name == null || name.isBlank()) {
                return part.isEncapsulatedMessage() || mediaType().startsWith("message/")
                        ? "message-" + partId + ".eml" : "part-" + partId;
            }
            return HeaderText.decode(name);
        }

        /** type/subtype in lower case, or application/octet-stream for one that is not a valid token pair. */
        String mediaType() {
            String type = part.type().toLowerCase(Locale.ROOT);
            String subtype = part.subtype().toLowerCase(Locale.ROOT);
            return TOKEN.matcher(type).matches() && TOKEN.matcher(subtype).matches() ? type + "/" + subtype
                    : "application/octet-stream";
        }

        /** The decoded size, estimated from the stored octets (base64 carries 3 octets in 4 characters). */
        long size() {
            long stored = part.bodySize();
            boolean base64 = ContentTransferEncoding.of(part).orElse(null) == ContentTransferEncoding.BASE64;
            return base64 ? stored * 57 / 78 : stored;
        }

        boolean inline() {
            return part.disposition() != null && part.disposition().type().equalsIgnoreCase("inline");
        }

        /** The Content-ID without its angle brackets, or null. */
        String contentId() {
            String id = part.id();
            if (id == null) {
                return null;
            }
            id = id.trim();
            return id.startsWith("<") && id.endsWith(">") && id.length() > 2 ? id.substring(1, id.length() - 1) : id;
        }
    }

    static MessageParts of(BodyPart root) {
        Builder builder = new Builder();
        if (root.isMultipart()) {
            builder.children(root, "");
        } else {
            builder.leaf(new Located("1", root));
        }
        return new MessageParts(builder.text, builder.html, builder.attachments);
    }

    /** The part a part number names, or null (also for a multipart, which is no downloadable part). */
    static BodyPart find(BodyPart root, String partId) {
        if (!partId.matches("[1-9][0-9]{0,3}(\\.[1-9][0-9]{0,3}){0,15}")) {
            return null;
        }
        String[] pieces = partId.split("\\.");
        int[] numbers = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            numbers[i] = Integer.parseInt(pieces[i]);
        }
        BodyPart part = root.part(numbers);
        return part == null || part.isMultipart() ? null : part;
    }

    private static final class Builder {
        Located text;
        Located html;
        final List<Located> attachments = new ArrayList<>();

        void children(BodyPart multipart, String prefix) {
            List<BodyPart> parts = multipart.parts();
            for (int i = 0; i < parts.size(); i++) {
                String id = prefix + (i + 1);
                BodyPart child = parts.get(i);
                if (child.isMultipart()) {
                    children(child, id + ".");
                } else {
                    leaf(new Located(id, child));
                }
            }
        }

        void leaf(Located located) {
            BodyPart part = located.part();
            boolean attachment = part.disposition() != null && part.disposition().type().equalsIgnoreCase("attachment");
            if (!attachment && part.type().equalsIgnoreCase("text") && part.subtype().equalsIgnoreCase("plain") && text == null) {
                text = located;
            } else if (!attachment && part.type().equalsIgnoreCase("text") && part.subtype().equalsIgnoreCase("html")
                    && html == null) {
                html = located;
            } else {
                attachments.add(located);
            }
        }
    }
}
