package io.mailplatform.webmail.compose;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.AppendResult;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.SpecialMailboxes;
import io.mailplatform.store.mailbox.SpecialUse;
import io.mailplatform.webmail.config.HttpProperties;
import io.mailplatform.webmail.config.MessageNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Sending and drafts: composes, checks the sender, keeps the copy in the account's \Sent mailbox (or
 * the draft in \Drafts) through the store's append, as IMAP APPEND does (quota included), and submits.
 * The Sent copy is stored first, so that a full quota refuses the message before anything leaves,
 * and it is removed again when Kafka does not take the message.
 */
@Service
public class Outbox {
    private final MimeComposer composer;
    private final SenderCheck senders;
    private final RecipientCheck recipients;
    private final InboundSubmission submission;
    private final MailboxService mailboxes;
    private final SpecialMailboxes special;

    public Outbox(SendProperties properties, HttpProperties http, SenderCheck senders, RecipientCheck recipients,
            InboundSubmission submission, MailboxService mailboxes, SpecialMailboxes special) {
        this.composer = new MimeComposer(http.hostname(), properties.maxMessageSize().toBytes(), properties.maxRecipients());
        this.senders = senders;
        this.recipients = recipients;
        this.submission = submission;
        this.mailboxes = mailboxes;
        this.special = special;
    }

    /** What a send did. */
    public record Sent(String envelopeId, String messageId, String mailbox, long uid) {
    }

    /** Where a draft is stored now (its UID changes with every update, as an IMAP client's would). */
    public record Draft(String mailbox, long uid) {
    }

    public Sent send(Account account, Composition composition, List<Attachment> attachments, SubmissionClient client) {
        return submit(account, composer.message(composition, attachments, account.address()), client);
    }

    public Draft saveDraft(Account account, Composition composition, List<Attachment> attachments) {
        ComposedMessage draft = composer.draft(composition, attachments, account.address());
        Mailbox drafts = special.require(account.id(), SpecialUse.DRAFTS);
        AppendResult stored = mailboxes.append(drafts, draft.raw(), new MessageFlags(MessageFlags.DRAFT | MessageFlags.SEEN,
                Set.of()), Instant.now());
        return new Draft(drafts.name(), stored.uid());
    }

    /** Stores the new version, then removes the old one (404 when there is none). */
    public Draft replaceDraft(Account account, long uid, Composition composition, List<Attachment> attachments) {
        Mailbox drafts = special.require(account.id(), SpecialUse.DRAFTS);
        requireDraft(drafts, uid);
        Draft saved = saveDraft(account, composition, attachments);
        mailboxes.delete(drafts, List.of(uid));
        return saved;
    }

    /** Sends a stored draft as it is, then removes it. */
    public Sent sendDraft(Account account, long uid, SubmissionClient client) {
        Mailbox drafts = special.require(account.id(), SpecialUse.DRAFTS);
        byte[] draft = mailboxes.content(drafts, requireDraft(drafts, uid))
                .orElseThrow(() -> new MessageNotFoundException(drafts.name(), uid));
        Sent sent = submit(account, composer.fromDraft(draft), client);
        mailboxes.delete(drafts, List.of(uid));
        return sent;
    }

    private long requireDraft(Mailbox drafts, long uid) {
        mailboxes.message(drafts, uid).orElseThrow(() -> new MessageNotFoundException(drafts.name(), uid));
        return uid;
    }

    private Sent submit(Account account, ComposedMessage message, SubmissionClient client) {
        senders.require(account, message.from());
        recipients.require(account, message);
        Mailbox sentBox = special.require(account.id(), SpecialUse.SENT);
        AppendResult copy = mailboxes.append(sentBox, message.raw(), new MessageFlags(MessageFlags.SEEN, Set.of()),
                Instant.now());
        String envelopeId;
        try {
            envelopeId = submission.submit(account, message, client);
        } catch (SubmissionUnavailableException e) {
            mailboxes.delete(sentBox, List.of(copy.uid()));
            throw e;
        }
        return new Sent(envelopeId, message.messageId(), sentBox.name(), copy.uid());
    }
}
