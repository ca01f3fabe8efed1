package io.mailplatform.webmail.mail;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.core.mime.HeaderText;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.PartContent;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import io.mailplatform.store.mailbox.ObjectIds;
import io.mailplatform.webmail.config.MessageNotFoundException;
import io.mailplatform.webmail.html.HtmlSanitizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * One message for reading: its stored summary (parsed at delivery) gives the structure, the
 * stored content the octets of the parts shown. The HTML body goes through the
 * {@link HtmlSanitizer}; {@code cid:} images point at their part's download URL.
 */
@Service
public class MessageReader {
    /** Header fields listed at most: a message may carry thousands. */
    static final int MAX_HEADERS = 200;

    private final MailboxService mailboxes;
    private final MessageSummaries summaries;
    private final ObjectIds objectIds;

    public MessageReader(MailboxService mailboxes, MessageSummaries summaries, ObjectIds objectIds) {
        this.mailboxes = mailboxes;
        this.summaries = summaries;
        this.objectIds = objectIds;
    }

    /** A message's stored parts: its content (trace prefix cut off, so the summary's offsets fit) and summary. */
    record Stored(MessageMeta meta, byte[] withPrefix, byte[] content, MessageSummary summary) {
    }

    Stored stored(Mailbox mailbox, long uid) {
        MessageMeta meta = mailboxes.message(mailbox, uid).orElseThrow(() -> new MessageNotFoundException(mailbox.name(), uid));
        byte[] raw = mailboxes.content(mailbox, uid).orElseThrow(() -> new MessageNotFoundException(mailbox.name(), uid));
        MessageSummary summary = summaries.summary(mailbox, uid)
                .orElseThrow(() -> new MessageNotFoundException(mailbox.name(), uid));
        byte[] content = meta.prefixLength() == 0 ? raw : Arrays.copyOfRange(raw, meta.prefixLength(), raw.length);
        return new Stored(meta, raw, content, summary);
    }

    MessageViews.Detail detail(Mailbox mailbox, long uid, boolean remoteContent) {
        Stored stored = stored(mailbox, uid);
        MessageParts parts = MessageParts.of(stored.summary().body());
        String text = text(stored, parts);
        HtmlSanitizer.Result clean = html(mailbox, uid, stored, parts, remoteContent);
        String html = clean == null ? null : clean.html();
        boolean blocked = clean != null && clean.remoteContentBlocked();
        ImapEnvelope envelope = stored.summary().envelope();
        MessageMeta meta = stored.meta();
        return new MessageViews.Detail(uid, mailbox.id(), HeaderText.decode(envelope.subject()),
                MessageViews.addresses(envelope.from()), MessageViews.addresses(envelope.sender()),
                MessageViews.addresses(envelope.replyTo()), MessageViews.addresses(envelope.to()),
                MessageViews.addresses(envelope.cc()), MessageViews.addresses(envelope.bcc()), envelope.date(),
                meta.internalDate(), meta.size(), meta.flags().names(), envelope.messageId(), envelope.inReplyTo(),
                objectIds.of(mailbox.accountId()).threadId(meta.threadId()), headers(stored.withPrefix()), text, html, blocked,
                parts.attachments().stream().map(MessageReader::attachment).toList());
    }

    /**
     * What the reading pane shows: the sanitised HTML body, or else the text body.
     *
     * @param html the sanitised HTML body, or null when the message has none
     * @param text the first text/plain part, or null
     */
    record Body(HtmlSanitizer.Result html, String text) {
    }

    Body body(Mailbox mailbox, long uid, boolean remoteContent) {
        Stored stored = stored(mailbox, uid);
        MessageParts parts = MessageParts.of(stored.summary().body());
        HtmlSanitizer.Result html = html(mailbox, uid, stored, parts, remoteContent);
        return new Body(html, html == null ? text(stored, parts) : null);
    }

    private static String text(Stored stored, MessageParts parts) {
        return parts.text() == null ? null : PartContent.text(stored.content(), parts.text().part());
    }

    /** The HTML body sanitised, {@code cid:} images pointing at their part's download URL; null if there is none. */
    private static HtmlSanitizer.Result html(Mailbox mailbox, long uid, Stored stored, MessageParts parts,
            boolean remoteContent) {
        if (parts.html() == null) {
            return null;
        }
        String partsUrl = "/api/mailboxes/" + mailbox.id() + "/messages/" + uid + "/parts/";
        Map<String, String> byContentId = new HashMap<>();
        for (MessageParts.Located attachment : parts.attachments()) {
            if (attachment.contentId() != null) {
                byContentId.putIfAbsent(attachment.contentId(), partsUrl + attachment.partId());
            }
        }
        return HtmlSanitizer.sanitize(PartContent.text(stored.content(), parts.html().part()), remoteContent,
                byContentId::get);
    }

    /** A part, decoded, with its media type and name; null if there is no such part. */
    record Download(byte[] content, String mediaType, String charset, String name) {
    }

    Download part(Mailbox mailbox, long uid, String partId) {
        Stored stored = stored(mailbox, uid);
        BodyPart part = MessageParts.find(stored.summary().body(), partId);
        if (part == null) {
            return null;
        }
        MessageParts.Located located = new MessageParts.Located(partId, part);
        byte[] octets = part.isEncapsulatedMessage()
                ? Arrays.copyOfRange(stored.content(), part.bodyOffset(), part.endOffset())
                : PartContent.decoded(stored.content(), part);
        return new Download(octets, located.mediaType(), part.parameter("charset"), located.name());
    }

    private static List<MessageViews.Header> headers(byte[] message) {
        List<HeaderField> fields = HeaderSection.fields(message);
        return fields.stream().limit(MAX_HEADERS)
                .map(field -> new MessageViews.Header(field.name(), HeaderText.decode(field.value(message)))).toList();
    }

    private static MessageViews.Attachment attachment(MessageParts.Located located) {
        return new MessageViews.Attachment(located.partId(), located.name(), located.mediaType(), located.size(),
                located.inline(), located.contentId());
    }
}
