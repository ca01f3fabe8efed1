package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.session.Extension;
import io.mailplatform.imap.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * ENABLE (RFC 9051 §6.3.1, RFC 5161): unknown names are ignored, the ENABLED response lists what
 * this command newly enabled. IMAP4rev2 switches the session to RFC 9051 behaviour.
 */
@Component
public class EnableProcessor implements CommandProcessor {

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Enable.class, (command, session, out) -> {
            List<String> enabled = new ArrayList<>();
            for (String name : command.capabilities()) {
                Extension extension = Extension.byCapability(name);
                if (extension != null && session.enable(extension)) {
                    enabled.add(extension.capability());
                }
            }
            out.untagged(new ImapResponse.Enabled(enabled));
            return new Outcome.Done(Status.ok(command.tag(), "ENABLE completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("ENABLE");
    }
}
