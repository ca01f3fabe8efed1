package io.mailplatform.webmail.mail;

import io.mailplatform.core.mime.EnvelopeAddress;
import io.mailplatform.core.mime.HeaderText;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of messages: one name per concept everywhere, camelCase, absent values null. */
public final class MessageViews {
    private MessageViews() {
    }

    /** One address: the decoded display name (or null) and {@code mailbox@host}. */
    public record Address(String name, String address) {
    }

    /**
     * What a message list shows.
     *
     * @param uid the message's UID in its mailbox: its id in paths
     * @param date the Date header as written (RFC 5322), or null
     * @param receivedAt when the message arrived (IMAP INTERNALDATE)
     * @param size octets of the whole message
     * @param flags IMAP system flags and keywords ("\\Seen", "$Junk")
     */
    public record Summary(long uid, String subject, List<Address> from, List<Address> to, String date, Instant receivedAt,
            int size, List<String> flags, boolean seen, boolean flagged, boolean answered, boolean hasAttachments) {
    }

    /**
     * @param total messages matching the criteria (before the attachment filter)
     * @param nextCursor pass as {@code cursor} for the next page; null after the last page
     */
    public record Page(List<Summary> messages, long total, String nextCursor) {
    }

    /** A header field, value unfolded and RFC 2047-decoded. */
    public record Header(String name, String value) {
    }

    /**
     * @param partId the IMAP part number, to download it
     * @param size decoded octets, estimated
     * @param inline whether the sender meant it to be shown in the text (Content-Disposition: inline)
     * @param contentId Content-ID without angle brackets (what HTML refers to with cid:), or null
     */
    public record Attachment(String partId, String name, String type, long size, boolean inline, String contentId) {
    }

    /**
     * One message.
     *
     * @param threadId the message's thread, the THREADID IMAP shows (RFC 8474 §5.2): the same for every message of
     *        the thread in any mailbox of the account
     * @param html the sanitised HTML body, or null
     * @param remoteContentBlocked whether remote images were left out of {@code html} (ask again with remoteContent=true)
     */
    public record Detail(long uid, long mailboxId, String subject, List<Address> from, List<Address> sender,
            List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc, String date, Instant receivedAt,
            int size, List<String> flags, String messageId, String inReplyTo, String threadId, List<Header> headers,
            String text, String html, boolean remoteContentBlocked, List<Attachment> attachments) {
    }

    /** Group markers are left out: their members are listed like the others. */
    static List<Address> addresses(List<EnvelopeAddress> list) {
        List<Address> result = new ArrayList<>();
        for (EnvelopeAddress address : list) {
            if (!address.isGroupStart() && !address.isGroupEnd()) {
                String name = HeaderText.decode(address.name());
                result.add(new Address(name == null || name.isBlank() ? null : name, address.address()));
            }
        }
        return result;
    }

    static Summary summary(MessageMeta meta, ImapEnvelope envelope, boolean hasAttachments) {
        MessageFlags flags = meta.flags();
        return new Summary(meta.uid(), HeaderText.decode(envelope.subject()), addresses(envelope.from()),
                addresses(envelope.to()), envelope.date(), meta.internalDate(), meta.size(), flags.names(),
                flags.has(MessageFlags.SEEN), flags.has(MessageFlags.FLAGGED), flags.has(MessageFlags.ANSWERED),
                hasAttachments);
    }
}
