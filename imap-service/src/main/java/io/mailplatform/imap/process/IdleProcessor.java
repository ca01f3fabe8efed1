package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.session.SessionContext;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * IDLE (RFC 9051 §6.3.13, RFC 2177): the session reports changes as they happen until DONE.
 * Changes found before the continuation request are reported first (by the dispatcher).
 */
@Component
public class IdleProcessor implements CommandProcessor {

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Idle.class, (command, session, out) -> new Outcome.Idle(command.tag()));
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("IDLE");
    }
}
