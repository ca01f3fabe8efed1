package io.mailplatform.webmail.mail;

import io.mailplatform.core.mime.HeaderText;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.MessageSummaries;
import io.mailplatform.webmail.config.MessageNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A mail account's own mailboxes and messages; every look-up is scoped to the logged-in account. */
@RestController
@RequestMapping("/api/mailboxes")
public class MessageController {
    private final MailboxService mailboxes;
    private final MessageSummaries summaries;

    public MessageController(MailboxService mailboxes, MessageSummaries summaries) {
        this.mailboxes = mailboxes;
        this.summaries = summaries;
    }

    public record MailboxView(String name, long uidValidity, long uidNext, String specialUse) {
    }

    public record MessageView(long uid, int size, List<String> flags, Instant internalDate, String subject,
            String from, String date, String messageId) {
    }

    @GetMapping
    public List<MailboxView> mailboxes(@AuthenticationPrincipal Account account) {
        return mailboxes.mailboxes(account.id()).stream()
                .map(m -> new MailboxView(m.name(), m.uidValidity(), m.uidNext(), m.specialUse())).toList();
    }

    @GetMapping("/{mailbox}/messages")
    public List<MessageView> messages(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @RequestParam(defaultValue = "50") int limit) {
        Mailbox box = mailboxes.require(account.id(), mailbox);
        List<MessageMeta> all = mailboxes.messages(box);
        int from = Math.max(0, all.size() - Math.max(1, Math.min(limit, 500)));
        List<MessageMeta> page = all.subList(from, all.size());
        // one query for the page's stored envelopes: nothing is parsed again
        Map<Long, ImapEnvelope> envelopes = summaries.envelopes(box, page.stream().map(MessageMeta::uid).toList());
        return page.stream().map(meta -> view(meta, envelopes.getOrDefault(meta.uid(), ImapEnvelope.EMPTY))).toList();
    }

    @GetMapping("/{mailbox}/messages/{uid}")
    public MessageView message(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @PathVariable long uid) {
        Mailbox box = mailboxes.require(account.id(), mailbox);
        MessageMeta meta = mailboxes.message(box, uid).orElseThrow(() -> new MessageNotFoundException(mailbox, uid));
        return view(meta, summaries.envelopes(box, List.of(uid)).getOrDefault(uid, ImapEnvelope.EMPTY));
    }

    /** The message exactly as stored (RFC 5322 bytes), as {@code message/rfc822}. */
    @GetMapping("/{mailbox}/messages/{uid}/raw")
    public ResponseEntity<byte[]> raw(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @PathVariable long uid) {
        Mailbox box = mailboxes.require(account.id(), mailbox);
        byte[] content = mailboxes.content(box, uid).orElseThrow(() -> new MessageNotFoundException(mailbox, uid));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822")).body(content);
    }

    private static MessageView view(MessageMeta meta, ImapEnvelope envelope) {
        return new MessageView(meta.uid(), meta.size(), meta.flags().names(), meta.internalDate(),
                HeaderText.decode(envelope.subject()), envelope.from().isEmpty() ? null : HeaderText.addresses(envelope.from()),
                envelope.date(), envelope.messageId());
    }
}
