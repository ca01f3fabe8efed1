package io.mailplatform.imap.process;

import io.mailplatform.imap.command.AnyStateCommands;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.session.SessionContext;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * CAPABILITY, NOOP, CHECK and LOGOUT (RFC 9051 §6.1, RFC 3501 §6.4.1), and ID (RFC 2971). NOOP
 * and CHECK do nothing themselves: the dispatcher reports mailbox changes after every command.
 */
@Component
public class ConnectionProcessor implements CommandProcessor {
    /** RFC 2971 §3.3: what the server says about itself. */
    private static final List<String> SERVER_ID = List.of("name", "Mail platform", "vendor", "mailplatform",
            "support-url", "https://www.rfc-editor.org/rfc/rfc9051");

    private final Capabilities capabilities;

    public ConnectionProcessor(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(AnyStateCommands.Capability.class, (command, session, out) -> {
            out.untagged(new ImapResponse.Capability(capabilities.of(session)));
            return new Outcome.Done(Status.ok(command.tag(), "CAPABILITY completed"));
        });
        handlers.on(AnyStateCommands.Noop.class, (command, session, out) ->
                new Outcome.Done(Status.ok(command.tag(), "NOOP completed")));
        handlers.on(MessageCommands.Check.class, (command, session, out) ->
                new Outcome.Done(Status.ok(command.tag(), "CHECK completed")));
        handlers.on(AnyStateCommands.Logout.class, (command, session, out) -> {
            out.untagged(ImapResponse.Status.bye("IMAP4rev2 server logging out"));
            session.logout();
            return new Outcome.Logout(Status.ok(command.tag(), "LOGOUT completed"));
        });
        handlers.on(AnyStateCommands.Id.class, (command, session, out) -> {
            out.untagged(new ImapResponse.IdData(SERVER_ID));
            return new Outcome.Done(Status.ok(command.tag(), "ID completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("ID");
        capabilities.add("LITERAL+");
    }
}
