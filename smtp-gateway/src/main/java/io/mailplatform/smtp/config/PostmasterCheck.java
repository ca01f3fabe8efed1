package io.mailplatform.smtp.config;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.Postmaster;
import io.mailplatform.store.directory.RecipientLookup;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Says at start whether {@code <Postmaster>} reaches someone (RFC 5321 §4.5.1). The address itself
 * was checked when the settings were bound; its domain may not exist yet on a fresh installation,
 * so a postmaster that is not deliverable is a warning, and {@code RCPT TO:<Postmaster>} is answered
 * 451 4.3.5 until it is.
 */
@Component
class PostmasterCheck implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(PostmasterCheck.class);

    private final Postmaster postmaster;
    private final DirectoryService directory;

    PostmasterCheck(Postmaster postmaster, DirectoryService directory) {
        this.postmaster = postmaster;
        this.directory = directory;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Optional<MailboxAddress> address = postmaster.address();
        if (address.isEmpty()) {
            log.warn("mail.store.postmaster is not set: RCPT TO:<Postmaster> is answered 451 4.3.5 and postmaster@<domain>"
                    + " reaches only domains with such an address; set it to a local mailbox (RFC 5321 §4.5.1)");
            return;
        }
        RecipientLookup found = directory.lookUpRecipient(address.get());
        if (found.kind() == RecipientLookup.Kind.DELIVERABLE) {
            log.info("postmaster mail goes to {}", address.get());
        } else {
            log.warn("mail.store.postmaster={} is not a deliverable local address yet ({}): RCPT TO:<Postmaster> is"
                    + " answered 451 4.3.5 until it is", address.get(), found.kind());
        }
    }
}
