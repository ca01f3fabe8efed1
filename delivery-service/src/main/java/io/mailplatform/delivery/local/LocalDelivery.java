package io.mailplatform.delivery.local;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.DeliveryTarget;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Stores a message once for all its local recipients, with a Return-Path (RFC 5321 §4.4). */
@Component
public class LocalDelivery {
    private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);
    private final RecipientResolver resolver;
    private final MailboxService mailboxes;

    public LocalDelivery(RecipientResolver resolver, MailboxService mailboxes) {
        this.resolver = resolver;
        this.mailboxes = mailboxes;
    }

    public void deliver(Envelope envelope, byte[] message) {
        List<DeliveryTarget> targets = new ArrayList<>();
        for (EnvelopeRecipient recipient : envelope.recipients()) {
            Optional<Account> account = resolver.resolve(recipient.address());
            if (account.isPresent()) {
                targets.add(new DeliveryTarget(account.get().address(), account.get().id(), Mailbox.INBOX));
            } else {
                log.warn("envelope {}: no local account for {}", envelope.id(), recipient.address());
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        byte[] returnPath = ("Return-Path: <" + envelope.reversePath() + ">\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] stored = new byte[returnPath.length + message.length];
        System.arraycopy(returnPath, 0, stored, 0, returnPath.length);
        System.arraycopy(message, 0, stored, returnPath.length, message.length);
        mailboxes.deliver(envelope.id(), stored, targets, envelope.receivedAt());
        log.debug("envelope {} delivered to {}", envelope.id(), targets);
    }
}
