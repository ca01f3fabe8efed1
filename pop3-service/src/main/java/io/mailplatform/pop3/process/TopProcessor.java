package io.mailplatform.pop3.process;

import io.mailplatform.pop3.codec.DotStuffer;
import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.MaildropMessage;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;
import java.util.List;

/** TOP msg n (RFC 1939 §7): the header, the blank line and the first n lines of the body. */
public final class TopProcessor implements Pop3Processor<Pop3Command.Top>, CapabilityContributor {
    private final MessageRetrieval retrieval;

    TopProcessor(MessageRetrieval retrieval) {
        this.retrieval = retrieval;
    }

    @Override
    public Class<Pop3Command.Top> commandType() {
        return Pop3Command.Top.class;
    }

    @Override
    public void process(Pop3Command.Top command, Pop3Context session) throws Pop3Exception {
        MaildropMessage message = session.maildrop().message(command.message());
        retrieval.send(session, message, Replies.TOP_FOLLOWS, DotStuffer.top(command.lines()));
    }

    /** RFC 2449 §6.1. */
    @Override
    public List<String> capabilities(Pop3Context session) {
        return List.of("TOP");
    }
}
