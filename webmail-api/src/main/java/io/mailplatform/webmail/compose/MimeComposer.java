package io.mailplatform.webmail.compose;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.webmail.html.HtmlSanitizer;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * Turns a {@link Composition} into RFC 5322 / MIME octets with Jakarta Mail: non-ASCII header text as
 * RFC 2047 encoded words, attachment names as RFC 2231 parameters, each body part quoted-printable or
 * base64 as its content needs (Jakarta Mail chooses), a {@code Date} and a {@code Message-ID} with this
 * server's host name, CRLF line ends. {@code Bcc} is written only into drafts (so that sending a draft
 * later still knows them); a message to send never carries it.
 */
public final class MimeComposer {
    /** RFC 5322 §3.6.4 msg-id, loosely: angle brackets around id-left "@" id-right, no spaces. */
    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
    private static final Session SESSION = Session.getInstance(new Properties());

    private final String hostname;
    private final long maxSize;
    private final int maxRecipients;

    public MimeComposer(String hostname, long maxSize, int maxRecipients) {
        this.hostname = hostname;
        this.maxSize = maxSize;
        this.maxRecipients = maxRecipients;
    }

    /**
     * A message to send: needs a recipient; no {@code Bcc} field.
     *
     * @param defaultFrom the account's address, the author when the composition names none
     */
    public ComposedMessage message(Composition composition, List<Attachment> attachments, String defaultFrom) {
        return build(composition, attachments, defaultFrom, false, true);
    }

    /** A draft: recipients may be missing; {@code Bcc} is kept. */
    public ComposedMessage draft(Composition composition, List<Attachment> attachments, String defaultFrom) {
        return build(composition, attachments, defaultFrom, true, false);
    }

    /**
     * A stored draft made ready to send: its recipients (Bcc included) become the envelope's, its
     * {@code Bcc} field goes, and it gets a new {@code Date} and {@code Message-ID}; the content is
     * kept as it is.
     */
    public ComposedMessage fromDraft(byte[] draft) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(draft));
            InternetAddress[] from = (InternetAddress[]) message.getFrom();
            if (from == null || from.length == 0) {
                throw new CompositionException("from", "The draft has no From address");
            }
            MailboxAddress author = mailbox("from", from[0].getAddress());
            List<MailboxAddress> recipients = new ArrayList<>();
            recipients.addAll(draftRecipients(message, Message.RecipientType.TO, "to"));
            recipients.addAll(draftRecipients(message, Message.RecipientType.CC, "cc"));
            recipients.addAll(draftRecipients(message, Message.RecipientType.BCC, "bcc"));
            message.removeHeader("Bcc");
            String messageId = newMessageId();
            message.setSentDate(new Date());
            message.setHeader("Message-ID", messageId);
            return finish(message, author, recipients, messageId, true);
        } catch (MessagingException e) {
            throw new CompositionException("draft", "The draft cannot be read: " + e.getMessage());
        }
    }

    private ComposedMessage build(Composition composition, List<Attachment> attachments, String defaultFrom,
            boolean keepBcc, boolean needsRecipients) {
        String messageId = newMessageId();
        try {
            MimeMessage message = new IdentifiedMessage(messageId);
            InternetAddress author = address("from", composition.from() == null || composition.from().isBlank()
                    ? defaultFrom : composition.from());
            message.setFrom(author);
            List<MailboxAddress> recipients = new ArrayList<>();
            recipients.addAll(recipients(message, Message.RecipientType.TO, "to", composition.to()));
            recipients.addAll(recipients(message, Message.RecipientType.CC, "cc", composition.cc()));
            List<InternetAddress> bcc = addresses("bcc", composition.bcc());
            for (InternetAddress blind : bcc) {
                recipients.add(mailbox("bcc", blind.getAddress()));
            }
            if (keepBcc && !bcc.isEmpty()) {
                message.setRecipients(Message.RecipientType.BCC, bcc.toArray(InternetAddress[]::new));
            }
            if (!composition.replyTo().isEmpty()) {
                message.setReplyTo(addresses("replyTo", composition.replyTo()).toArray(InternetAddress[]::new));
            }
            if (composition.subject() != null) {
                // a line break in a subject would start a new header field
                message.setSubject(composition.subject().replaceAll("[\\r\\n]+", " "), "UTF-8");
            }
            if (composition.inReplyTo() != null && !composition.inReplyTo().isBlank()) {
                message.setHeader("In-Reply-To", msgId("inReplyTo", composition.inReplyTo()));
            }
            if (!composition.references().isEmpty()) {
                List<String> ids = new ArrayList<>();
                for (String reference : composition.references()) {
                    ids.add(msgId("references", reference));
                }
                message.setHeader("References", String.join("\r\n ", ids));
            }
            message.setSentDate(new Date());
            body(message, composition, attachments);
            message.saveChanges();
            return finish(message, mailbox("from", author.getAddress()), recipients, messageId, needsRecipients);
        } catch (MessagingException e) {
            throw new CompositionException("message", "The message cannot be composed: " + e.getMessage());
        }
    }

    private ComposedMessage finish(MimeMessage message, MailboxAddress from, List<MailboxAddress> recipients,
            String messageId, boolean needsRecipients) throws MessagingException {
        Map<String, MailboxAddress> unique = new LinkedHashMap<>();
        for (MailboxAddress recipient : recipients) {
            unique.putIfAbsent(recipient.normalized(), recipient);
        }
        if (needsRecipients && unique.isEmpty()) {
            throw new CompositionException("to", "The message has no recipient");
        }
        if (unique.size() > maxRecipients) {
            throw new CompositionException("to", "More than " + maxRecipients + " recipients");
        }
        byte[] raw = write(message);
        if (raw.length > maxSize) {
            throw new MessageTooLargeException(raw.length, maxSize);
        }
        return new ComposedMessage(raw, from, List.copyOf(unique.values()), messageId);
    }

    /** The text, the HTML or both as alternatives, then the attachments in a multipart/mixed. */
    private static void body(MimeMessage message, Composition composition, List<Attachment> attachments)
            throws MessagingException {
        if (attachments.isEmpty()) {
            content(message, composition);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart main = new MimeBodyPart();
        content(main, composition);
        mixed.addBodyPart(main);
        for (Attachment attachment : attachments) {
            mixed.addBodyPart(attachmentPart(attachment));
        }
        message.setContent(mixed);
    }

    /** The body: the message itself, or the first part when there are attachments. */
    private static void content(MimePart part, Composition composition) throws MessagingException {
        // our own user's HTML, yet nothing active goes out under the platform's name (README: HTML compose)
        String html = composition.html() == null ? null : HtmlSanitizer.forSending(composition.html());
        if (composition.text() != null && html != null) {
            part.setContent(alternative(composition.text(), html));
        } else if (html != null) {
            part.setText(html, "UTF-8", "html");
        } else {
            part.setText(composition.text() == null ? "" : composition.text(), "UTF-8", "plain");
        }
    }

    /** RFC 2046 §5.1.4: the plainest first, the richest last. */
    private static MimeMultipart alternative(String plain, String rich) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain, "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(rich, "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        return alternative;
    }

    private static MimeBodyPart attachmentPart(Attachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), mediaType(attachment.contentType()))));
        String name = attachment.fileName() == null || attachment.fileName().isBlank() ? "attachment"
                : attachment.fileName().replaceAll("[\\r\\n\\\\/]+", "_");
        part.setFileName(name); // RFC 2231 when not ASCII (mail.mime.encodeparameters, on by default)
        part.setDisposition(Part.ATTACHMENT);
        // base64 whatever the content: an attachment's octets must arrive exactly as uploaded
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** The media type, without parameters the uploader chose, or application/octet-stream when it is not one. */
    static String mediaType(String declared) {
        if (declared == null || declared.isBlank()) {
            return "application/octet-stream";
        }
        try {
            ContentType type = new ContentType(declared);
            return type.getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    private List<MailboxAddress> recipients(MimeMessage message, Message.RecipientType type, String field,
            List<String> texts) throws MessagingException {
        List<InternetAddress> addresses = addresses(field, texts);
        if (!addresses.isEmpty()) {
            message.setRecipients(type, addresses.toArray(InternetAddress[]::new));
        }
        List<MailboxAddress> mailboxes = new ArrayList<>();
        for (InternetAddress address : addresses) {
            mailboxes.add(mailbox(field, address.getAddress()));
        }
        return mailboxes;
    }

    private static List<MailboxAddress> draftRecipients(MimeMessage message, Message.RecipientType type, String field)
            throws MessagingException {
        List<MailboxAddress> mailboxes = new ArrayList<>();
        jakarta.mail.Address[] addresses = message.getRecipients(type);
        if (addresses != null) {
            for (jakarta.mail.Address address : addresses) {
                if (address instanceof InternetAddress internet && !internet.isGroup()) {
                    mailboxes.add(mailbox(field, internet.getAddress()));
                }
            }
        }
        return mailboxes;
    }

    private static List<InternetAddress> addresses(String field, List<String> texts) {
        List<InternetAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            addresses.add(address(field, text));
        }
        return addresses;
    }

    /** One RFC 5322 mailbox, display name re-encoded as RFC 2047 words where it is not ASCII. */
    static InternetAddress address(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new CompositionException(field, "An address is empty");
        }
        try {
            InternetAddress parsed = new InternetAddress(text.strip(), true);
            if (parsed.isGroup()) {
                throw new CompositionException(field, "Groups are not supported: " + text);
            }
            MailboxAddress mailbox = mailbox(field, parsed.getAddress());
            if (mailbox.isInternational()) {
                throw new CompositionException(field, "Addresses that need SMTPUTF8 cannot be sent from the webmail: " + text);
            }
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
        } catch (jakarta.mail.internet.AddressException | UnsupportedEncodingException e) {
            throw new CompositionException(field, "Not an address: " + text);
        }
    }

    private static MailboxAddress mailbox(String field, String address) {
        try {
            return MailboxAddress.parse(address);
        } catch (AddressException e) {
            throw new CompositionException(field, "Not an address: " + address + " (" + e.getMessage() + ")");
        }
    }

    private static String msgId(String field, String id) {
        String trimmed = id.strip();
        if (!MSG_ID.matcher(trimmed).matches()) {
            throw new CompositionException(field, "Not a message id (<left@right>): " + id);
        }
        return trimmed;
    }

    private String newMessageId() {
        return "<" + EnvelopeId.next() + ".webmail@" + hostname + ">";
    }

    /** Writes with CRLF line ends throughout (text parts sent as 7bit keep the user's line ends otherwise). */
    private static byte[] write(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new CRLFOutputStream(bytes)) {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Keeps the Message-ID chosen here when {@code saveChanges} would make its own. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
