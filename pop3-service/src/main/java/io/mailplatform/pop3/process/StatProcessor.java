package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;

/** STAT (RFC 1939 §5): {@code +OK count octets} of the messages not marked deleted. */
public final class StatProcessor implements Pop3Processor<Pop3Command.Stat> {

    @Override
    public Class<Pop3Command.Stat> commandType() {
        return Pop3Command.Stat.class;
    }

    @Override
    public void process(Pop3Command.Stat command, Pop3Context session) {
        Maildrop maildrop = session.maildrop();
        session.reply(StatusResponse.ok(maildrop.count() + " " + maildrop.octets()));
    }
}
