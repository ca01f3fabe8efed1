package io.mailplatform.webmail.mail;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.CopyResult;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.mailbox.SpecialUse;
import io.mailplatform.webmail.config.MessageNotFoundException;
import io.mailplatform.webmail.config.WebmailProperties;
import io.mailplatform.webmail.transfer.MailExporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A mail account's messages: listed (sorted, filtered, searched, a cursor per page), read as JSON
 * or as stored, parts downloaded, flags changed, moved, copied, deleted, a mailbox exported as mbox.
 * Every look-up is scoped to the logged-in account's mailboxes ({@link MailboxResolver}).
 */
@RestController
@RequestMapping("/api/mailboxes/{mailbox}")
public class MessageController {
    /** Downloads are never run as a page of this site, whatever type the sender claimed. */
    private static final String DOWNLOAD_POLICY = "default-src 'none'; sandbox";
    private static final MediaType MBOX = MediaType.parseMediaType("application/mbox");

    private final MailboxService mailboxes;
    private final MessageIndex index;
    private final MailboxResolver resolver;
    private final MessageListing listing;
    private final MessageReader reader;
    private final WebmailProperties.Limits limits;
    private final MailExporter exporter;

    public MessageController(MailboxService mailboxes, MessageIndex index, MailboxResolver resolver, MessageListing listing,
            MessageReader reader, WebmailProperties properties, MailExporter exporter) {
        this.mailboxes = mailboxes;
        this.index = index;
        this.resolver = resolver;
        this.listing = listing;
        this.reader = reader;
        this.limits = properties.limits();
        this.exporter = exporter;
    }

    /** Flags to add and to remove. */
    public record FlagChange(List<String> add, List<String> remove) {
    }

    /** The same for several messages at once. */
    public record BulkFlagChange(List<Long> uids, List<String> add, List<String> remove) {
    }

    public record Selection(List<Long> uids) {
    }

    /** @param target the target mailbox's id (or one-level name) */
    public record Transfer(List<Long> uids, String target) {
    }

    public record Flags(long uid, List<String> flags) {
    }

    /** @param uids the source UIDs that were there; @param targetUids the UIDs they got in the target, index by index */
    public record Transferred(long targetMailboxId, List<Long> uids, List<Long> targetUids) {
    }

    /** @param movedToTrash true when the messages went to Trash, false when they were deleted for good */
    public record Deleted(List<Long> uids, boolean movedToTrash) {
    }

    /** With a weak ETag of the mailbox's state and the query: {@code If-None-Match} answers {@code 304} unread. */
    @GetMapping("/messages")
    public ResponseEntity<MessageViews.Page> messages(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @ModelAttribute MessageQuery.Parameters parameters, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, ServletWebRequest request) {
        Mailbox box = resolver.resolve(account, mailbox);
        MessageQuery query = MessageQuery.of(parameters);
        if (ListTags.notModified(request, ListTags.messages(box, request.getRequest().getQueryString()))) {
            return null;
        }
        MessageListing.Page page = listing.page(box, query, limit, cursor);
        return ResponseEntity.ok(new MessageViews.Page(page.entries().stream().map(entry -> MessageViews.summary(entry.meta(),
                entry.summary().envelope(), entry.hasAttachments())).toList(),
                page.total(), page.nextCursor()));
    }

    @GetMapping("/messages/{uid}")
    public MessageViews.Detail message(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @PathVariable long uid, @RequestParam(defaultValue = "false") boolean remoteContent) {
        return reader.detail(resolver.resolve(account, mailbox), uid, remoteContent);
    }

    /** The message exactly as stored (RFC 5322 bytes), as {@code message/rfc822}. */
    @GetMapping("/messages/{uid}/raw")
    public ResponseEntity<byte[]> raw(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @PathVariable long uid) {
        Mailbox box = resolver.resolve(account, mailbox);
        byte[] content = mailboxes.content(box, uid).orElseThrow(() -> new MessageNotFoundException(mailbox, uid));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(uid + ".eml"))
                .header("Content-Security-Policy", DOWNLOAD_POLICY).body(content);
    }

    /** One part, transfer encoding undone, with its declared type and a safe file name. */
    @GetMapping("/messages/{uid}/parts/{partId}")
    public ResponseEntity<byte[]> part(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @PathVariable long uid, @PathVariable String partId) {
        MessageReader.Download download = reader.part(resolver.resolve(account, mailbox), uid, partId);
        if (download == null) {
            throw new MessageNotFoundException(mailbox, uid, partId);
        }
        MediaType type = MediaType.parseMediaType(download.mediaType());
        if (type.getType().equals("text") && download.charset() != null && download.charset().matches("[A-Za-z0-9._:-]{1,40}")) {
            type = new MediaType(type, Map.of("charset", download.charset()));
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(download.name()))
                .header("Content-Security-Policy", DOWNLOAD_POLICY).body(download.content());
    }

    @PatchMapping("/messages/{uid}")
    public Flags flags(@AuthenticationPrincipal Account account, @PathVariable String mailbox, @PathVariable long uid,
            @RequestBody FlagChange change) {
        Mailbox box = resolver.resolve(account, mailbox);
        requireMessage(box, uid);
        change(box, List.of(uid), change.add(), change.remove());
        MessageMeta meta = mailboxes.message(box, uid).orElseThrow(() -> new MessageNotFoundException(mailbox, uid));
        return new Flags(uid, meta.flags().names());
    }

    @PostMapping("/messages/flags")
    public List<Flags> bulkFlags(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @RequestBody BulkFlagChange change) {
        Mailbox box = resolver.resolve(account, mailbox);
        List<Long> uids = uids(change.uids());
        change(box, uids, change.add(), change.remove());
        return index.metas(box, uids.stream().mapToLong(Long::longValue).toArray()).stream()
                .map(meta -> new Flags(meta.uid(), meta.flags().names())).toList();
    }

    @PostMapping("/messages/move")
    public Transferred move(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @RequestBody Transfer transfer) {
        return transfer(account, mailbox, transfer, true);
    }

    @PostMapping("/messages/copy")
    public Transferred copy(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @RequestBody Transfer transfer) {
        return transfer(account, mailbox, transfer, false);
    }

    @DeleteMapping("/messages/{uid}")
    public Deleted delete(@AuthenticationPrincipal Account account, @PathVariable String mailbox, @PathVariable long uid) {
        Mailbox box = resolver.resolve(account, mailbox);
        requireMessage(box, uid);
        return delete(account, box, List.of(uid));
    }

    @PostMapping("/messages/delete")
    public Deleted bulkDelete(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @RequestBody Selection selection) {
        return delete(account, resolver.resolve(account, mailbox), uids(selection.uids()));
    }

    /** The mailbox as one mboxrd file with its flags (as the operators' export writes it), streamed. */
    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal Account account,
            @PathVariable String mailbox) {
        Mailbox box = resolver.resolve(account, mailbox);
        StreamingResponseBody body = out -> exporter.mbox(box, out);
        String name = box.name().substring(box.name().lastIndexOf(Mailbox.DELIMITER) + 1) + ".mbox";
        return ResponseEntity.ok().contentType(MBOX).header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(name))
                .body(body);
    }

    private Transferred transfer(Account account, String mailbox, Transfer transfer, boolean move) {
        Mailbox source = resolver.resolve(account, mailbox);
        if (transfer.target() == null) {
            throw new InvalidParameterException("target", "is required");
        }
        Mailbox target = resolver.resolve(account, transfer.target());
        if (target.id() == source.id()) {
            throw new InvalidParameterException("target", "is the mailbox the messages are in");
        }
        List<Long> uids = uids(transfer.uids());
        CopyResult result = move ? mailboxes.move(source, uids, target) : mailboxes.copy(source, uids, target);
        return new Transferred(target.id(), result.sourceUids(), result.targetUids());
    }

    /** To Trash; from Trash itself, for good. */
    private Deleted delete(Account account, Mailbox box, List<Long> uids) {
        if (SpecialUse.TRASH.attribute().equalsIgnoreCase(box.specialUse())) {
            return new Deleted(mailboxes.delete(box, uids), false);
        }
        Mailbox trash = mailboxes.mailboxes(account.id()).stream()
                .filter(m -> SpecialUse.TRASH.attribute().equalsIgnoreCase(m.specialUse())).findFirst()
                .orElseThrow(() -> new NoTrashException());
        return new Deleted(mailboxes.move(box, uids, trash).sourceUids(), true);
    }

    private void change(Mailbox box, List<Long> uids, List<String> add, List<String> remove) {
        MessageFlags added = FlagNames.of(add, "add");
        MessageFlags removed = FlagNames.of(remove, "remove");
        if (added.system() != 0 || !added.keywords().isEmpty()) {
            mailboxes.setFlags(box, uids, FlagMode.ADD, added);
        }
        if (removed.system() != 0 || !removed.keywords().isEmpty()) {
            mailboxes.setFlags(box, uids, FlagMode.REMOVE, removed);
        }
    }

    private List<Long> uids(List<Long> uids) {
        if (uids == null || uids.isEmpty()) {
            throw new InvalidParameterException("uids", "must name at least one message");
        }
        if (uids.size() > limits.maxUidsPerRequest()) {
            throw new PayloadTooLargeException("at most " + limits.maxUidsPerRequest() + " messages per request");
        }
        Map<Long, Boolean> distinct = new LinkedHashMap<>();
        for (Long uid : uids) {
            if (uid == null || uid < 1) {
                throw new InvalidParameterException("uids", "must be positive numbers");
            }
            distinct.put(uid, true);
        }
        return new ArrayList<>(distinct.keySet());
    }

    private void requireMessage(Mailbox box, long uid) {
        if (mailboxes.message(box, uid).isEmpty()) {
            throw new MessageNotFoundException(box.name(), uid);
        }
    }

    /** The account has no mailbox with the \Trash role to delete into (409). */
    public static class NoTrashException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoTrashException() {
            super("there is no Trash mailbox (special use \\Trash) to delete into; create one or delete from Trash");
        }
    }
}
