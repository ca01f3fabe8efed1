package io.mailplatform.pop3.process;

import io.mailplatform.pop3.codec.DotStuffer;
import io.mailplatform.pop3.codec.MessageBodyInput;
import io.mailplatform.pop3.codec.Pop3ResponseEncoder;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.maildrop.MaildropMessage;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends a message for RETR and TOP: reads the first chunk before answering (a message another
 * client removed meanwhile still gets {@code -ERR}), then streams the rest chunk by chunk.
 */
final class MessageRetrieval {
    private final MaildropService maildrops;
    private final int chunkSize;

    MessageRetrieval(MaildropService maildrops, int chunkSize) {
        this.maildrops = maildrops;
        this.chunkSize = chunkSize;
    }

    void send(Pop3Context session, MaildropMessage message, StatusResponse status, DotStuffer stuffer) {
        Maildrop maildrop = session.maildrop();
        int first = Math.min(chunkSize, message.storedSize());
        Executor workers = session.workers();
        session.runBlocking(() -> maildrops.read(maildrop, message, 0, first), content -> {
            if (content.isEmpty()) {
                session.reply(Replies.removedMeanwhile(message.number()));
                return;
            }
            session.stream(new MessageBodyInput(Pop3ResponseEncoder.render(status), content.get(),
                    (offset, length) -> CompletableFuture.supplyAsync(
                            () -> maildrops.read(maildrop, message, offset, length), workers),
                    message.storedSize(), chunkSize, stuffer, session.resumeTransfer()));
        });
    }
}
