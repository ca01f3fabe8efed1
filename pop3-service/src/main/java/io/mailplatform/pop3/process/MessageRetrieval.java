package io.mailplatform.pop3.process;

import io.mailplatform.pop3.codec.DotStuffer;
import io.mailplatform.pop3.codec.MessageBodyInput;
import io.mailplatform.pop3.codec.Pop3ResponseEncoder;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.maildrop.MaildropMessage;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.pop3.maildrop.ReadAhead;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message for RETR and TOP: reads the first chunk before answering (a message another
 * client removed meanwhile still gets {@code -ERR}), then streams the rest chunk by chunk. The first
 * chunks of the following messages are read with it, and later ones in the background while the
 * client retrieves those ({@link ReadAhead}).
 */
final class MessageRetrieval {
    private static final Logger log = LoggerFactory.getLogger(MessageRetrieval.class);

    private final MaildropService maildrops;
    private final int chunkSize;

    MessageRetrieval(MaildropService maildrops, int chunkSize) {
        this.maildrops = maildrops;
        this.chunkSize = chunkSize;
    }

    void send(Pop3Context session, MaildropMessage message, StatusResponse status, DotStuffer stuffer) {
        Maildrop maildrop = session.maildrop();
        ReadAhead readAhead = maildrop.readAhead();
        int number = message.number().value();
        byte[] ready = readAhead.take(number);
        if (ready != null) {
            stream(session, maildrop, message, status, stuffer, ready);
            refill(session, maildrop);
            return;
        }
        CompletionStage<Void> pending = readAhead.pending(number);
        if (pending != null) {
            // being read in the background: wait for that read rather than reading the message twice
            session.waitFor(pending, () -> send(session, message, status, stuffer));
            return;
        }
        // the first chunks of the next messages come with this one, for clients retrieving one after another
        List<MaildropMessage> window = readAhead.window(maildrop, message, chunkSize);
        session.runBlocking(() -> maildrops.readFirstChunks(maildrop, window, chunkSize), chunks -> {
            readAhead.keep(window, chunks);
            if (chunks.get(0) == null) {
                session.reply(Replies.removedMeanwhile(message.number()));
                return;
            }
            stream(session, maildrop, message, status, stuffer, chunks.get(0));
            refill(session, maildrop);
        });
    }

    /** Reads the next messages ahead in the background once the client has taken enough of those held. */
    private void refill(Pop3Context session, Maildrop maildrop) {
        ReadAhead readAhead = maildrop.readAhead();
        List<MaildropMessage> next = readAhead.refill(maildrop, chunkSize);
        if (next.isEmpty()) {
            return;
        }
        session.runInBackground(() -> maildrops.readFirstChunks(maildrop, next, chunkSize), (chunks, failure) -> {
            if (failure != null) {
                // nothing is lost: the messages are read when they are asked for, and a failure then is answered
                log.warn("reading ahead failed: {}", failure.toString());
            }
            readAhead.landed(chunks);
        });
    }

    private void stream(Pop3Context session, Maildrop maildrop, MaildropMessage message, StatusResponse status,
            DotStuffer stuffer, byte[] first) {
        Executor workers = session.workers();
        session.stream(new MessageBodyInput(Pop3ResponseEncoder.render(status), first,
                (offset, length) -> CompletableFuture.supplyAsync(
                        () -> maildrops.read(maildrop, message, offset, length), workers),
                message.storedSize(), chunkSize, stuffer, session.resumeTransfer()));
    }
}
