package io.mailplatform.imap.process;

import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.session.SessionContext;
import java.util.List;

/**
 * The processor of one command family. It registers a handler per command record it serves and
 * contributes the capabilities it implements (RFC 9051 §6.1.1), so CAPABILITY lists exactly what
 * the code does. Handlers run off the event loop and may block on the store; they answer by
 * returning an {@link Outcome} or throwing an {@code ImapException}.
 */
public interface CommandProcessor {

    void register(Handlers handlers);

    /** Adds this family's capabilities, as they apply to the session now. */
    default void capabilities(SessionContext session, List<String> capabilities) {
    }

    @FunctionalInterface
    interface Handler<C extends ImapCommand> {
        Outcome handle(C command, SessionContext session, Responder out);
    }

    /** Collects handlers by command class. */
    interface Handlers {
        <C extends ImapCommand> void on(Class<C> type, Handler<C> handler);
    }
}
