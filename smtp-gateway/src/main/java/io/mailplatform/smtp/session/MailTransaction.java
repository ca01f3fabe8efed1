package io.mailplatform.smtp.session;

import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.smtp.command.MailParameters;
import io.mailplatform.smtp.command.ReversePath;
import io.mailplatform.smtp.intake.MailData;
import io.mailplatform.smtp.intake.MessageMemoryBudget;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction (RFC 5321 §3.3): the reverse path and its parameters, the accepted forward
 * paths, and the mail data received so far, reserved from the gateway's memory budget as it
 * arrives. Once the content exceeds the size limit, or the budget has no room for it, the data is
 * released and only counting goes on: such a message costs no memory and is refused at its end.
 */
final class MailTransaction {
    private final ReversePath reversePath;
    private final MailParameters parameters;
    private final List<EnvelopeRecipient> recipients = new ArrayList<>();
    private final long maxSize;
    private MailData data;
    private long size;
    private boolean overBudget;
    private boolean lastChunk;

    MailTransaction(ReversePath reversePath, MailParameters parameters, MessageMemoryBudget budget, long maxSize) {
        this.reversePath = reversePath;
        this.parameters = parameters;
        this.maxSize = maxSize;
        this.data = new MailData(budget, maxSize);
    }

    ReversePath reversePath() {
        return reversePath;
    }

    MailParameters parameters() {
        return parameters;
    }

    List<EnvelopeRecipient> recipients() {
        return recipients;
    }

    void addRecipient(EnvelopeRecipient recipient) {
        recipients.add(recipient);
    }

    /**
     * Appends content (copied: the caller keeps and releases {@code bytes}), or only counts it once
     * it is over {@code maxSize} or over the memory budget, or after {@link #discardContent()}.
     */
    void append(ByteBuf bytes) {
        size += bytes.readableBytes();
        if (data == null) {
            return;
        }
        if (oversized()) {
            releaseContent();
        } else if (!data.append(bytes)) {
            overBudget = true; // the data has released its reservation: other sessions can use it now
            data = null;
        }
    }

    /** Whether the BDAT chunk being received is the LAST one (RFC 3030 §2). */
    boolean lastChunk() {
        return lastChunk;
    }

    void lastChunk(boolean last) {
        lastChunk = last;
    }

    /** Keeps counting but stores no more content (the message is refused at its end anyway). */
    void discardContent() {
        releaseContent();
    }

    long size() {
        return size;
    }

    /** Whether the content went over the size limit (RFC 1870 §6.3): 552 5.3.4 at its end. */
    boolean oversized() {
        return size > maxSize;
    }

    /** Whether the memory budget had no room for the content: the message gets 452 4.3.1 at its end. */
    boolean overBudget() {
        return overBudget;
    }

    /** Hands the mail data over to the publish, which releases it; the transaction keeps nothing. */
    MailData takeData() {
        MailData taken = data;
        data = null;
        return taken;
    }

    /** Frees the mail data; the transaction is over. */
    void releaseContent() {
        if (data != null) {
            data.release();
            data = null;
        }
    }
}
