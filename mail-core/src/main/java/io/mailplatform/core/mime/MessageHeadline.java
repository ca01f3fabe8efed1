package io.mailplatform.core.mime;

import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The few header values a message list shows (webmail, logs), decoded for display.
 *
 * @param subject the Subject with RFC 2047 encoded words decoded, or null
 * @param from the From field, decoded, or null
 * @param date the Date field as written, or null
 * @param messageId the Message-ID field, or null
 */
public record MessageHeadline(String subject, String from, String date, String messageId) {

    public static MessageHeadline of(byte[] message) {
        List<HeaderField> fields = HeaderSection.fields(message);
        return new MessageHeadline(
                decode(HeaderSection.first(message, fields, "Subject")),
                decode(HeaderSection.first(message, fields, "From")),
                HeaderSection.first(message, fields, "Date"),
                HeaderSection.first(message, fields, "Message-ID"));
    }

    private static String decode(String value) {
        return value == null ? null : DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
    }
}
