package io.mailplatform.webmail.mail;

import io.mailplatform.core.thread.ThreadAlgorithm;
import io.mailplatform.core.thread.ThreadNode;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.search.MessageSearch;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A mailbox's conversations: the threads of RFC 5256 (REFERENCES by default, or ORDEREDSUBJECT),
 * computed by the same store query and threading code as IMAP THREAD, over the messages the list's
 * filters select. A thread is a tree of UIDs; a message the others refer to but that is not here is a
 * node without a UID.
 */
@RestController
public class ThreadController {
    private final MailboxResolver resolver;
    private final MessageSearch search;

    public ThreadController(MailboxResolver resolver, MessageSearch search) {
        this.resolver = resolver;
        this.search = search;
    }

    /** @param uid the message, or null for a placeholder (a parent that is not in the mailbox) */
    public record ThreadView(Long uid, List<ThreadView> children) {
        static ThreadView of(ThreadNode node) {
            return new ThreadView(node.dummy() ? null : node.id(), node.children().stream().map(ThreadView::of).toList());
        }
    }

    public record Threads(String algorithm, List<ThreadView> threads) {
    }

    @GetMapping("/api/mailboxes/{mailbox}/threads")
    public Threads threads(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @ModelAttribute MessageQuery.Parameters parameters,
            @RequestParam(defaultValue = "references") String algorithm) {
        ThreadAlgorithm chosen = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "references" -> ThreadAlgorithm.REFERENCES;
            case "orderedsubject" -> ThreadAlgorithm.ORDEREDSUBJECT;
            default -> throw new InvalidParameterException("algorithm", "is references or orderedsubject");
        };
        Mailbox box = resolver.resolve(account, mailbox);
        List<ThreadNode> threads = chosen.threads(search.threadMessages(box, MessageQuery.of(parameters).criterion(), false));
        return new Threads(chosen.name().toLowerCase(Locale.ROOT), threads.stream().map(ThreadView::of).toList());
    }
}
