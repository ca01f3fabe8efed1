package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.response.MultiLineResponse;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;
import java.util.List;

/** UIDL [msg] (RFC 1939 §7): {@code number unique-id}, unique-ids stable across sessions and never reused. */
public final class UidlProcessor implements Pop3Processor<Pop3Command.Uidl>, CapabilityContributor {

    @Override
    public Class<Pop3Command.Uidl> commandType() {
        return Pop3Command.Uidl.class;
    }

    @Override
    public void process(Pop3Command.Uidl command, Pop3Context session) throws Pop3Exception {
        Maildrop maildrop = session.maildrop();
        if (command.message() != null) {
            session.reply(StatusResponse.ok(command.message() + " " + maildrop.uniqueId(maildrop.message(command.message()))));
            return;
        }
        session.reply(new MultiLineResponse(Replies.UNIQUE_IDS, maildrop.listed().stream()
                .map(message -> message.number() + " " + maildrop.uniqueId(message)).toList()));
    }

    /** RFC 2449 §6.8. */
    @Override
    public List<String> capabilities(Pop3Context session) {
        return List.of("UIDL");
    }
}
