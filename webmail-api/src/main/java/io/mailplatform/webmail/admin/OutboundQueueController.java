package io.mailplatform.webmail.admin;

import io.mailplatform.store.relay.OutboundQueue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbound relay queue, read-only: what waits for which remote domain, and why. */
@RestController
@RequestMapping("/api/admin/outbound-queue")
public class OutboundQueueController {
    private final OutboundQueue queue;

    public OutboundQueueController(OutboundQueue queue) {
        this.queue = queue;
    }

    public record QueueView(long size, List<OutboundQueue.Entry> entries) {
    }

    @GetMapping
    public QueueView queue(@RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        return new QueueView(queue.size(), queue.entries(limit));
    }
}
