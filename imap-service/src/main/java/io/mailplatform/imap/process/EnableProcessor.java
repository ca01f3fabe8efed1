package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.Extension;
import io.mailplatform.imap.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * ENABLE (RFC 9051 §6.3.1, RFC 5161): unknown names are ignored, the ENABLED response lists what
 * this command newly enabled. IMAP4rev2 switches the session to RFC 9051 behaviour; CONDSTORE and
 * QRESYNC (which implies CONDSTORE) to RFC 7162's.
 */
@Component
public class EnableProcessor implements CommandProcessor {

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Enable.class, (command, session, out) -> {
            List<String> enabled = new ArrayList<>();
            boolean condstore = session.condstore();
            for (String name : command.capabilities()) {
                Extension extension = Extension.byCapability(name);
                if (extension != null && session.enable(extension)) {
                    enabled.add(extension.capability());
                }
            }
            out.untagged(new ImapResponse.Enabled(enabled));
            if (!condstore && session.condstore() && session.selected() != null) {
                // ENABLE CONDSTORE is a CONDSTORE enabling command too (RFC 7162 §3.1)
                out.untagged(Status.ok(null, ResponseCode.highestModSeq(session.selected().modSeq()), "Highest"));
            }
            return new Outcome.Done(Status.ok(command.tag(), "ENABLE completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("ENABLE");
        capabilities.add("UTF8=ACCEPT");
    }
}
