package io.mailplatform.pop3.process;

import io.mailplatform.pop3.codec.DotStuffer;
import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.MaildropMessage;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;

/** RETR msg (RFC 1939 §5): {@code +OK n octets}, the message byte-stuffed, then ".". */
public final class RetrProcessor implements Pop3Processor<Pop3Command.Retr> {
    private final MessageRetrieval retrieval;

    RetrProcessor(MessageRetrieval retrieval) {
        this.retrieval = retrieval;
    }

    @Override
    public Class<Pop3Command.Retr> commandType() {
        return Pop3Command.Retr.class;
    }

    @Override
    public void process(Pop3Command.Retr command, Pop3Context session) throws Pop3Exception {
        MaildropMessage message = session.maildrop().message(command.message());
        retrieval.send(session, message, Replies.octets(message.octets()), DotStuffer.message());
    }
}
