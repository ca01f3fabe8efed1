package io.mailplatform.smtp.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code mail.smtp.messages}: messages whose text the gateway received, by {@code result}:
 * {@code accepted} (Kafka acknowledged, 250 sent) or {@code rejected} (refused after its text:
 * too large, no room, Kafka unavailable). Refusals before DATA are counted by reply code in
 * {@code mail.replies}.
 */
public final class MessageMeters {
    public static final String MESSAGES = "mail.smtp.messages";

    private final Counter accepted;
    private final Counter rejected;

    public MessageMeters(MeterRegistry registry) {
        this.accepted = Counter.builder(MESSAGES).tag("result", "accepted")
                .description("messages received and handed to Kafka").register(registry);
        this.rejected = Counter.builder(MESSAGES).tag("result", "rejected")
                .description("messages refused after their text was received").register(registry);
    }

    public void accepted() {
        accepted.increment();
    }

    public void rejected() {
        rejected.increment();
    }
}
