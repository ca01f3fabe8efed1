package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;

/** DELE msg (RFC 1939 §5): marks the message; it is removed only in the UPDATE state, after QUIT. */
public final class DeleProcessor implements Pop3Processor<Pop3Command.Dele> {

    @Override
    public Class<Pop3Command.Dele> commandType() {
        return Pop3Command.Dele.class;
    }

    @Override
    public void process(Pop3Command.Dele command, Pop3Context session) throws Pop3Exception {
        Maildrop maildrop = session.maildrop();
        maildrop.markDeleted(maildrop.message(command.message()));
        session.reply(Replies.deleted(command.message()));
    }
}
