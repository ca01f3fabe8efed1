package io.mailplatform.imap.process;

import io.mailplatform.imap.command.CompressCommands;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.ImapState;
import io.mailplatform.imap.session.SessionContext;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * COMPRESS DEFLATE (RFC 4978): after the tagged OK, which leaves uncompressed, both directions are
 * raw DEFLATE (RFC 1951) for the rest of the connection; the session installs Netty's zlib codec
 * ({@link Outcome.Compress}). Offered once authenticated (the command is valid then); a second
 * COMPRESS is {@code NO [COMPRESSIONACTIVE]}.
 */
@Component
public class CompressProcessor implements CommandProcessor {

    @Override
    public void register(Handlers handlers) {
        handlers.on(CompressCommands.Compress.class, (command, session, out) -> {
            if (session.compressed()) {
                throw new ImapNoException(ResponseCode.COMPRESSIONACTIVE, "DEFLATE is active already");
            }
            session.compressionStarted();
            return new Outcome.Compress(Status.ok(command.tag(), "DEFLATE active"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        if (session.state() != ImapState.NOT_AUTHENTICATED && !session.compressed()) {
            capabilities.add("COMPRESS=DEFLATE");
        }
    }
}
