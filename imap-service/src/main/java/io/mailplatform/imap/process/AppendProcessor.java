package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.AppendResult;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * APPEND (RFC 9051 §6.3.12) with APPENDUID (RFC 4315) and the APPENDLIMIT capability (RFC 7889):
 * a message above the limit never gets here, the frame decoder refuses its literal unread.
 */
@Component
public class AppendProcessor implements CommandProcessor {
    private final MailboxService mailboxes;
    private final ImapProperties properties;

    public AppendProcessor(MailboxService mailboxes, ImapProperties properties) {
        this.mailboxes = mailboxes;
        this.properties = properties;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Append.class, (command, session, out) -> {
            MessageFlags flags = FlagNames.parse(command.flags());
            String name = MailboxNames.fromClient(command.mailbox(), session.rev2());
            Mailbox mailbox = mailboxes.find(session.account().id(), name)
                    // RFC 9051 §6.3.12: never create it, but hint that CREATE would help
                    .orElseThrow(() -> new ImapNoException(ResponseCode.TRYCREATE, "No such mailbox"));
            if (command.message().length == 0) {
                throw new ImapNoException("An empty message cannot be appended");
            }
            Instant date = command.internalDate() == null ? Instant.now() : command.internalDate();
            AppendResult result = mailboxes.append(mailbox, command.message(), flags, date);
            SelectedMailbox selected = session.selected();
            if (selected != null && selected.mailbox().id() == mailbox.id()) {
                // the new message, so that the update after the command may not need to read the store
                selected.wrote(result.modSeq(), List.of(new MessageMeta(result.uid(), 0, result.modSeq(), flags, date,
                        command.message().length)));
            }
            return new Outcome.Done(Status.ok(command.tag(), ResponseCode.appendUid(result.uidValidity(), result.uid()),
                    "APPEND completed"));
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("APPENDLIMIT=" + properties.limits().maxLiteralSize().toBytes());
        capabilities.add("UIDPLUS");
    }
}
