package io.mailplatform.webmail.mail;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxCounts;
import io.mailplatform.store.mailbox.MailboxHierarchy;
import io.mailplatform.store.mailbox.MailboxNameRules;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MailboxStatistics;
import io.mailplatform.store.mailbox.SpecialUse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The account's mailboxes: listed with their counts and special-use roles, created, renamed,
 * subscribed and deleted with the same rules as IMAP ({@link MailboxHierarchy}).
 */
@RestController
@RequestMapping("/api/mailboxes")
public class MailboxController {
    private final MailboxService mailboxes;
    private final MailboxHierarchy hierarchy;
    private final MailboxStatistics statistics;
    private final MailboxResolver resolver;

    public MailboxController(MailboxService mailboxes, MailboxHierarchy hierarchy, MailboxStatistics statistics,
            MailboxResolver resolver) {
        this.mailboxes = mailboxes;
        this.hierarchy = hierarchy;
        this.statistics = statistics;
        this.resolver = resolver;
    }

    /**
     * @param id the mailbox's id, to name it in paths
     * @param name the full name, "/" between levels
     * @param role "inbox", "drafts", "sent", "junk", "trash" or null
     * @param specialUse the RFC 6154 attribute ("\\Sent"), or null
     * @param total messages in the mailbox
     * @param unseen messages without \Seen
     */
    public record MailboxView(long id, String name, String role, String specialUse, boolean subscribed, long total,
            long unseen, long uidValidity, long uidNext) {
    }

    /** @param name the new mailbox's full name */
    public record CreateMailbox(String name) {
    }

    /** Either or both: a new full name, a new subscription state. */
    public record UpdateMailbox(String name, Boolean subscribed) {
    }

    /** With a weak ETag of what it shows: {@code If-None-Match} answers {@code 304} while nothing changed. */
    @GetMapping
    public ResponseEntity<List<MailboxView>> mailboxes(@AuthenticationPrincipal Account account, ServletWebRequest request) {
        List<MailboxView> views = mailboxes.mailboxes(account.id()).stream().map(this::view).toList();
        if (ListTags.notModified(request, ListTags.of(views.toString()))) {
            return null;
        }
        return ResponseEntity.ok(views);
    }

    @GetMapping("/{mailbox}")
    public MailboxView mailbox(@AuthenticationPrincipal Account account, @PathVariable String mailbox) {
        return view(resolver.resolve(account, mailbox));
    }

    @PostMapping
    public ResponseEntity<MailboxView> create(@AuthenticationPrincipal Account account, @RequestBody CreateMailbox body) {
        Mailbox created = hierarchy.create(account.id(), name(body.name()));
        return ResponseEntity.created(URI.create("/api/mailboxes/" + created.id())).body(view(created));
    }

    @PatchMapping("/{mailbox}")
    public MailboxView update(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @RequestBody UpdateMailbox body) {
        Mailbox current = resolver.resolve(account, mailbox);
        if (body.name() == null && body.subscribed() == null) {
            throw new IllegalArgumentException("nothing to change: give name and/or subscribed");
        }
        if (body.name() != null && !MailboxNameRules.canonical(body.name()).equals(current.name())) {
            hierarchy.rename(account.id(), current.name(), name(body.name()));
            if (!current.name().equals(Mailbox.INBOX)) {
                current = mailboxes.refresh(current);
            }
        }
        if (body.subscribed() != null) {
            if (body.subscribed()) {
                hierarchy.subscribe(account.id(), current.name());
            } else {
                hierarchy.unsubscribe(account.id(), current.name());
            }
            current = mailboxes.refresh(current);
        }
        return view(current);
    }

    @DeleteMapping("/{mailbox}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal Account account, @PathVariable String mailbox) {
        hierarchy.delete(account.id(), resolver.resolve(account, mailbox).name());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static String name(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name is required");
        }
        return MailboxNameRules.canonical(name);
    }

    private MailboxView view(Mailbox mailbox) {
        MailboxCounts counts = statistics.counts(mailbox);
        return new MailboxView(mailbox.id(), mailbox.name(), role(mailbox), mailbox.specialUse(), mailbox.subscribed(),
                counts.messages(), counts.unseen(), mailbox.uidValidity(), mailbox.uidNext());
    }

    static String role(Mailbox mailbox) {
        if (mailbox.name().equals(Mailbox.INBOX)) {
            return SpecialUse.INBOX.name().toLowerCase(Locale.ROOT);
        }
        for (SpecialUse use : SpecialUse.values()) {
            if (use.attribute() != null && use.attribute().equalsIgnoreCase(mailbox.specialUse())) {
                return use.name().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
