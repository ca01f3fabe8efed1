package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;

/** RSET (RFC 1939 §5): unmarks every message marked deleted. */
public final class RsetProcessor implements Pop3Processor<Pop3Command.Rset> {

    @Override
    public Class<Pop3Command.Rset> commandType() {
        return Pop3Command.Rset.class;
    }

    @Override
    public void process(Pop3Command.Rset command, Pop3Context session) {
        Maildrop maildrop = session.maildrop();
        maildrop.unmarkAll();
        session.reply(Replies.maildropAfterReset(maildrop.count(), maildrop.octets()));
    }
}
