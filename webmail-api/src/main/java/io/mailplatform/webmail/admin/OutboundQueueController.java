package io.mailplatform.webmail.admin;

import io.mailplatform.store.relay.OutboundAttempt;
import io.mailplatform.store.relay.OutboundQueue;
import io.mailplatform.store.relay.OutboundQueue.Change;
import io.mailplatform.store.relay.OutboundQueue.Entry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbound relay queue for operators: what waits for which remote domain and why, and the
 * levers: retry now, hold and release, delete silently or with a report to the sender. The report
 * is not written here: the entry is marked, and a relay worker of the delivery service sends it
 * through the path of every other failure report and removes the entry.
 */
@RestController
@RequestMapping("/api/admin/outbound-queue")
public class OutboundQueueController {
    private final OutboundQueue queue;

    public OutboundQueueController(OutboundQueue queue) {
        this.queue = queue;
    }

    /**
     * One queued recipient.
     *
     * @param state {@code queued}, {@code deferred}, {@code in-flight}, {@code held} or {@code bouncing}
     * @param instance the relay instance that holds (or last held) its lease
     */
    public record EntryView(long id, String envelopeId, String reversePath, String recipient, String domain,
            String state, Instant createdAt, Instant nextAttempt, int attempts, Instant lastAttempt, String lastError,
            String instance) {
        static EntryView of(Entry entry) {
            return new EntryView(entry.id(), entry.envelopeId(), entry.reversePath(), entry.recipient(), entry.domain(),
                    entry.state().label(), entry.createdAt(), entry.nextAttempt(), entry.attempts(), entry.lastAttempt(),
                    entry.lastError(), entry.leasedBy());
        }
    }

    /**
     * A page of the queue.
     *
     * @param size entries matching the filters, on all pages
     * @param next the {@code after} value of the next page, null on the last
     */
    public record QueueView(long size, List<EntryView> entries, Long next) {
    }

    /** An entry with every host tried for it (host, status, reply, time), oldest first. */
    public record EntryDetails(EntryView entry, List<OutboundAttempt> attempts) {
    }

    /**
     * Entries in queue order (oldest first), filtered.
     *
     * @param minAge at least this long in the queue: {@code 30m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT2H})
     * @param after the last id of the previous page (the {@code next} of its answer)
     */
    @GetMapping
    public QueueView queue(@RequestParam(required = false) String domain, @RequestParam(required = false) String state,
            @RequestParam(required = false) String minAge, @RequestParam(required = false) String maxAge,
            @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) long after) {
        OutboundQueue.Filter filter = new OutboundQueue.Filter(blankToNull(domain),
                state == null || state.isBlank() ? null : OutboundQueue.State.parse(state.trim()), age("minAge", minAge),
                age("maxAge", maxAge));
        OutboundQueue.Page page = queue.page(filter, after, limit);
        return new QueueView(page.total(), page.entries().stream().map(EntryView::of).toList(), page.next());
    }

    @GetMapping("/{id}")
    public EntryDetails entry(@PathVariable long id) {
        return new EntryDetails(EntryView.of(found(id)), queue.attempts(id));
    }

    /** Due at once (and released, if held). */
    @PostMapping("/{id}/retry")
    public EntryView retry(@PathVariable long id) {
        return changed(id, queue.retryNow(id));
    }

    /** Not sent by any relay instance until released. */
    @PostMapping("/{id}/hold")
    public EntryView hold(@PathVariable long id) {
        return changed(id, queue.hold(id));
    }

    @PostMapping("/{id}/release")
    public EntryView release(@PathVariable long id) {
        return changed(id, queue.release(id));
    }

    /**
     * Deleted silently (204); with {@code dsn=true} handed to the relay, which sends the sender a
     * failure report ("deleted by administrator") and removes the entry (202, the entry as it waits).
     */
    @DeleteMapping("/{id}")
    public ResponseEntity<EntryView> delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean dsn) {
        if (!dsn) {
            check(id, queue.delete(id));
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(changed(id, queue.deleteWithReport(id)));
    }

    private Entry found(long id) {
        return queue.find(id).orElseThrow(() -> AdminResponses.notFound(noEntry(id)));
    }

    private EntryView changed(long id, Change change) {
        check(id, change);
        return EntryView.of(found(id));
    }

    /** 404 for an entry that is gone, 409 for one that cannot be changed now. */
    private static void check(long id, Change change) {
        switch (change) {
            case DONE -> {
            }
            case NOT_FOUND -> throw AdminResponses.notFound(noEntry(id));
            case IN_FLIGHT -> throw AdminResponses.conflict(
                    "queue entry " + id + " is being sent now; try again when the attempt is over");
            case BOUNCING -> throw AdminResponses.conflict(
                    "queue entry " + id + " is being deleted with a report to its sender");
        }
    }

    private static String noEntry(long id) {
        return "no queue entry " + id + " (delivered, bounced or deleted)";
    }

    private static Duration age(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is no duration (30m, 2h, 1d, PT2H)");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
