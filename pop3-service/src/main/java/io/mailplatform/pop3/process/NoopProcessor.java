package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;

/** NOOP (RFC 1939 §5). */
public final class NoopProcessor implements Pop3Processor<Pop3Command.Noop> {

    @Override
    public Class<Pop3Command.Noop> commandType() {
        return Pop3Command.Noop.class;
    }

    @Override
    public void process(Pop3Command.Noop command, Pop3Context session) {
        session.reply(Replies.OK);
    }
}
