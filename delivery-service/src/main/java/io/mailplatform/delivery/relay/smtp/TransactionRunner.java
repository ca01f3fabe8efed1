package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.RelayClientProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs one mail transaction on an open session (RFC 5321 §3.3) and tells for every recipient what
 * became of it:
 * <ol>
 * <li>{@link TransactionPlanner} fails what cannot go to this server (size, missing extensions,
 *     addresses that cannot be written), reading the message once first where 8-bit text matters;</li>
 * <li>RSET (from the second transaction on), MAIL, every RCPT and DATA: in one write with
 *     PIPELINING (RFC 2920 §3.1), else one at a time, stopping at a refused MAIL;</li>
 * <li>the message, streamed and dot-stuffed after 354, or in BDAT chunks for BINARYMIME (RFC 3030);
 *     nothing if no recipient was accepted (a lone dot if a pipelining server wrongly said 354).</li>
 * </ol>
 * Recipients refused at RCPT keep their own reply; the others share the reply to the message or the
 * failure that broke the connection. All state is touched on the channel's event loop only.
 */
final class TransactionRunner {
    private final SmtpChannel channel;
    private final EhloExtensions extensions;
    private final RelayClientProperties.Timeouts timeouts;
    private final Executor contentThreads;
    private final OutboundTransaction transaction;
    private final boolean resetFirst;
    private final TransactionPlanner planner;
    private final List<EnvelopeRecipient> recipients;
    private final RecipientOutcome[] outcomes;
    private final boolean[] accepted;
    private MessageOutcome message = new MessageOutcome.NotSent();
    private boolean messageStarted;

    TransactionRunner(SmtpChannel channel, EhloExtensions extensions, RelayClientProperties.Timeouts timeouts,
            Executor contentThreads, OutboundTransaction transaction, boolean resetFirst) {
        this.channel = channel;
        this.extensions = extensions;
        this.timeouts = timeouts;
        this.contentThreads = contentThreads;
        this.transaction = transaction;
        this.resetFirst = resetFirst;
        this.planner = new TransactionPlanner(transaction, extensions, channel.host());
        this.recipients = transaction.recipients();
        this.outcomes = new RecipientOutcome[recipients.size()];
        this.accepted = new boolean[recipients.size()];
    }

    /** Never fails: every recipient gets an outcome, also when the connection breaks. */
    CompletableFuture<TransactionResult> run() {
        return CompletableFuture.supplyAsync(this::checkEnvelope, channel.eventLoop())
                .thenCompose(sendable -> sendable ? scan() : CompletableFuture.completedFuture(false))
                .thenCompose(sendable -> sendable ? envelope() : CompletableFuture.completedFuture(null))
                .handleAsync((ignored, thrown) -> {
                    if (thrown != null) {
                        failOpen(SmtpFailureException.of(thrown));
                    }
                    return result();
                }, channel.eventLoop());
    }

    private boolean checkEnvelope() {
        SmtpFailure whole = planner.envelopeFailure();
        if (whole != null) {
            failOpen(whole);
            return false;
        }
        for (int i = 0; i < recipients.size(); i++) {
            SmtpFailure failure = planner.recipientFailure(recipients.get(i));
            if (failure != null) {
                outcomes[i] = new RecipientOutcome.Failed(failure);
            }
        }
        return open() > 0;
    }

    /** Reads the message once where the server's extensions make its octets matter. */
    private CompletableFuture<Boolean> scan() {
        if (!planner.needsScan()) {
            return CompletableFuture.completedFuture(true);
        }
        EightBitScan scan = new EightBitScan();
        CompletableFuture<Boolean> scanned = new CompletableFuture<>();
        contentThreads.execute(() -> {
            try (MessageContent.Chunks chunks = transaction.content().open()) {
                byte[] chunk;
                while (!scan.settled() && (chunk = chunks.next()) != null) {
                    scan.scan(chunk);
                }
                scanned.complete(true);
            } catch (Exception e) {
                scanned.completeExceptionally(new SmtpFailureException(SmtpFailure.temporary(
                        FailureKind.CONTENT_UNREADABLE, "4.3.0", "the message could not be read: " + e.getMessage())));
            }
        });
        return scanned.thenApplyAsync(ignored -> {
            SmtpFailure failure = planner.contentFailure(scan);
            if (failure != null) {
                failOpen(failure);
                return false;
            }
            return true;
        }, channel.eventLoop());
    }

    private CompletableFuture<Void> envelope() {
        String mailFrom;
        List<Integer> sent = new ArrayList<>();
        List<String> rcptLines = new ArrayList<>();
        try {
            mailFrom = EnvelopeCommands.mailFrom(transaction, planner.mailParameters());
            for (int i = 0; i < recipients.size(); i++) {
                if (outcomes[i] == null) {
                    sent.add(i);
                    rcptLines.add(EnvelopeCommands.rcptTo(recipients.get(i), planner.dsnPassedOn()));
                }
            }
        } catch (EnvelopeCommands.InvalidPathException e) {
            throw new IllegalStateException("paths were checked before", e);
        }
        return extensions.supports(EhloExtensions.PIPELINING) ? pipelined(mailFrom, sent, rcptLines)
                : stepByStep(mailFrom, sent, rcptLines);
    }

    /** RFC 2920: the whole envelope, and DATA, in one write; the replies read in order. */
    private CompletableFuture<Void> pipelined(String mailFrom, List<Integer> sent, List<String> rcptLines) {
        List<SmtpChannel.Command> group = new ArrayList<>();
        if (resetFirst) {
            group.add(new SmtpChannel.Command("RSET", timeouts.command(), "RSET"));
        }
        group.add(new SmtpChannel.Command(mailFrom, timeouts.mail(), "MAIL FROM"));
        for (String line : rcptLines) {
            group.add(new SmtpChannel.Command(line, timeouts.rcpt(), "RCPT TO"));
        }
        boolean data = !planner.useBdat();
        if (data) {
            group.add(new SmtpChannel.Command("DATA", timeouts.dataInitiation(), "DATA"));
        }
        List<CompletableFuture<SmtpReply>> replies = channel.commands(group);
        // once all have settled, the replies are taken in order; the first that failed (the connection
        // broke) ends the evaluation, so the recipients refused before it keep their own replies
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).exceptionally(broken -> null)
                .thenCompose(settled -> pipelineReplied(replies, sent, data));
    }

    private CompletableFuture<Void> pipelineReplied(List<CompletableFuture<SmtpReply>> replies, List<Integer> sent,
            boolean data) {
        int next = 0;
        if (resetFirst) {
            checkReset(replies.get(next++).join());
        }
        boolean mailAccepted = mailAccepted(replies.get(next++).join());
        for (int index : sent) {
            SmtpReply rcptReply = replies.get(next++).join();
            if (mailAccepted) {
                recipient(index, rcptReply);
            }
        }
        if (!data) {
            return open() > 0 ? bdat() : CompletableFuture.completedFuture(null);
        }
        SmtpReply dataReply = replies.get(next).join();
        if (open() == 0) {
            // RFC 2920 §3.1: DATA should have been refused; if it was not, end the empty message at once
            return dataReply.code() == 354 ? loneDot() : CompletableFuture.completedFuture(null);
        }
        return dataReplied(dataReply);
    }

    /** Without PIPELINING: each command waits for the reply to the one before. */
    private CompletableFuture<Void> stepByStep(String mailFrom, List<Integer> sent, List<String> rcptLines) {
        CompletableFuture<Void> ready = resetFirst
                ? channel.command(new SmtpChannel.Command("RSET", timeouts.command(), "RSET")).thenAccept(this::checkReset)
                : CompletableFuture.completedFuture(null);
        return ready.thenCompose(reset -> channel.command(new SmtpChannel.Command(mailFrom, timeouts.mail(), "MAIL FROM")))
                .thenCompose(mailReply -> {
                    if (!mailAccepted(mailReply)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (int i = 0; i < sent.size(); i++) {
                        int index = sent.get(i);
                        String line = rcptLines.get(i);
                        chain = chain.thenCompose(previous -> channel.command(
                                new SmtpChannel.Command(line, timeouts.rcpt(), "RCPT TO")))
                                .thenAccept(rcptReply -> recipient(index, rcptReply));
                    }
                    return chain.thenCompose(rcptsDone -> {
                        if (open() == 0) {
                            return CompletableFuture.completedFuture(null);
                        }
                        if (planner.useBdat()) {
                            return bdat();
                        }
                        return channel.command(new SmtpChannel.Command("DATA", timeouts.dataInitiation(), "DATA"))
                                .thenCompose(this::dataReplied);
                    });
                });
    }

    /** A refused RSET leaves the session in an unknown state: give the connection up. */
    private void checkReset(SmtpReply reply) {
        if (!reply.isPositive()) {
            SmtpFailure failure = SmtpFailure.byReply(FailureKind.PROTOCOL_ERROR, false, reply,
                    channel.host() + " refused RSET");
            channel.fail(failure);
            throw new SmtpFailureException(failure);
        }
    }

    private boolean mailAccepted(SmtpReply reply) {
        if (reply.isPositive()) {
            return true;
        }
        failOpen(SmtpFailure.refused(FailureKind.REFUSED, reply, channel.host() + " refused the sender"));
        return false;
    }

    private void recipient(int index, SmtpReply reply) {
        if (reply.isPositive()) {
            accepted[index] = true;
        } else {
            outcomes[index] = new RecipientOutcome.Failed(SmtpFailure.refused(FailureKind.REFUSED, reply,
                    channel.host() + " refused the recipient"));
        }
    }

    private CompletableFuture<Void> dataReplied(SmtpReply dataReply) {
        messageStarted = true;
        if (dataReply.code() != 354) {
            messageFailed(SmtpFailure.refused(FailureKind.REFUSED, dataReply, channel.host() + " refused DATA"));
            return CompletableFuture.completedFuture(null);
        }
        DotStuffingEncoder encoder = new DotStuffingEncoder();
        ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
        return new ContentStreamer(transaction.content(), contentThreads, channel, chunk -> {
            ByteBuf encoded = allocator.buffer(DotStuffingEncoder.maxEncodedLength(chunk.length));
            encoder.encode(chunk, encoded);
            return channel.write(encoded, timeouts.dataBlock());
        }).run().thenCompose(allWritten -> {
            ByteBuf end = allocator.buffer(DotStuffingEncoder.MAX_FINISH_LENGTH);
            encoder.finish(end);
            return channel.writeAndAwait(end, timeouts.dataBlock(), timeouts.dataTermination(),
                    "reply to the end of the message");
        }).thenAccept(this::messageReplied);
    }

    /**
     * RFC 3030 §2: each chunk as {@code BDAT n} and its octets, unchanged; then {@code BDAT 0 LAST}.
     * A refused chunk ends the transfer.
     */
    private CompletableFuture<Void> bdat() {
        messageStarted = true;
        ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
        return new ContentStreamer(transaction.content(), contentThreads, channel, chunk -> {
            byte[] command = ("BDAT " + chunk.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ByteBuf octets = allocator.buffer(command.length + chunk.length).writeBytes(command).writeBytes(chunk);
            return channel.writeAndAwait(octets, timeouts.dataBlock(), timeouts.dataTermination(), "reply to BDAT")
                    .thenAccept(chunkReply -> {
                        if (!chunkReply.isPositive()) {
                            throw new SmtpFailureException(SmtpFailure.refused(FailureKind.REFUSED, chunkReply,
                                    channel.host() + " refused the message"));
                        }
                    });
        }).run().thenCompose(allSent -> channel.command(new SmtpChannel.Command("BDAT 0 LAST",
                timeouts.dataTermination(), "BDAT LAST"))).thenAccept(this::messageReplied);
    }

    private CompletableFuture<Void> loneDot() {
        return channel.command(new SmtpChannel.Command(".", timeouts.dataTermination(), "end of an empty message"))
                .thenAccept(ignored -> {
                });
    }

    private void messageReplied(SmtpReply reply) {
        if (!reply.isPositive()) {
            messageFailed(SmtpFailure.refused(FailureKind.REFUSED, reply, channel.host() + " refused the message"));
            return;
        }
        message = new MessageOutcome.Accepted(reply);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null && accepted[i]) {
                outcomes[i] = new RecipientOutcome.Delivered(reply);
            }
        }
    }

    private void messageFailed(SmtpFailure failure) {
        message = new MessageOutcome.Failed(failure);
        failOpen(failure);
    }

    private void failOpen(SmtpFailure failure) {
        if (messageStarted && !(message instanceof MessageOutcome.Failed)
                && !(message instanceof MessageOutcome.Accepted)) {
            message = new MessageOutcome.Failed(failure);
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new RecipientOutcome.Failed(failure);
            }
        }
    }

    /** Recipients without an outcome yet: before RCPT those still to send, after it the accepted ones. */
    private int open() {
        int count = 0;
        for (RecipientOutcome outcome : outcomes) {
            if (outcome == null) {
                count++;
            }
        }
        return count;
    }

    private TransactionResult result() {
        List<RecipientResult> results = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            results.add(new RecipientResult(recipients.get(i), outcomes[i]));
        }
        return new TransactionResult(channel.host(), results, message, planner.dsnPassedOn());
    }
}
