package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.response.UidSets;
import io.mailplatform.imap.session.Extension;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.FlagRights;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.acl.Rights;
import io.mailplatform.store.mailbox.AppendResult;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * APPEND (RFC 9051 §6.3.12) with APPENDUID (RFC 4315), the APPENDLIMIT capability (RFC 7889),
 * MULTIAPPEND (RFC 3502) and the literal8 of BINARY (RFC 3516 §4.4): a message above the limit never
 * gets here, the frame decoder refuses its literal unread.
 */
@Component
public class AppendProcessor implements CommandProcessor {
    private final MailboxService mailboxes;
    private final MailboxAccess access;
    private final ImapProperties properties;

    public AppendProcessor(MailboxService mailboxes, MailboxAccess access, ImapProperties properties) {
        this.mailboxes = mailboxes;
        this.access = access;
        this.properties = properties;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.Append.class, (command, session, out) -> {
            AccessibleMailbox target = target(command.mailbox(), session);
            Mailbox mailbox = target.mailbox();
            checkData(List.of(command), session);
            MailboxService.NewMessage message = message(command, target.rights());
            SelectedMailbox selected = session.selected();
            // an IMAP4rev1 session sees its new message first: it claims \Recent in the append's statement
            boolean claimRecent = !session.rev2() && selected != null && selected.mailbox().id() == mailbox.id()
                    && !selected.readOnly();
            AppendResult result = claimRecent
                    ? mailboxes.appendClaimingRecent(mailbox, message.raw(), message.flags(), message.internalDate())
                    : mailboxes.append(mailbox, message.raw(), message.flags(), message.internalDate());
            if (result.recentAbove() >= 0) {
                selected.claimedRecent(result.recentAbove(), result.uid());
            }
            wrote(session, mailbox, List.of(message), List.of(result));
            return new Outcome.Done(Status.ok(command.tag(), ResponseCode.appendUid(result.uidValidity(), result.uid()),
                    "APPEND completed"));
        });
        handlers.on(MailboxCommands.MultiAppend.class, (command, session, out) -> {
            AccessibleMailbox target = target(command.mailbox(), session);
            Mailbox mailbox = target.mailbox();
            checkData(command.messages(), session);
            List<MailboxService.NewMessage> messages = command.messages().stream()
                    .map(append -> message(append, target.rights())).toList();
            // RFC 3502 §3: all or nothing, in one transaction
            List<AppendResult> results = mailboxes.appendAll(mailbox, messages);
            wrote(session, mailbox, messages, results);
            return new Outcome.Done(Status.ok(command.tag(), ResponseCode.appendUid(results.get(0).uidValidity(),
                    UidSets.format(results.stream().map(AppendResult::uid).toList())), "APPEND completed"));
        });
    }

    private AccessibleMailbox target(String clientName, SessionContext session) {
        String name = MailboxNames.fromClient(clientName, session.utf8());
        SelectedMailbox selected = session.selected();
        if (selected != null && selected.mailbox().accountId() == session.account().id() && names(selected.mailbox(), name)) {
            // the usual target, its own mailbox, known without a lookup; if it was deleted meanwhile, the append says so
            return new AccessibleMailbox(selected.mailbox(), selected.mailbox().name(), Rights.ALL, true);
        }
        AccessibleMailbox target = access.find(session.account(), name)
                // RFC 9051 §6.3.12: never create it, but hint that CREATE would help
                .orElseThrow(() -> new ImapNoException(ResponseCode.TRYCREATE, "No such mailbox"));
        MailboxAccess.check(target.rights(), Right.INSERT);
        return target;
    }

    /** Whether a client's name is the mailbox's; INBOX in any case (RFC 9051 §5.1). */
    private static boolean names(Mailbox mailbox, String name) {
        return mailbox.name().equals(name) || mailbox.name().equals(Mailbox.INBOX) && name.equalsIgnoreCase(Mailbox.INBOX);
    }

    /** RFC 6855 §4: the UTF8 data item only after ENABLE UTF8=ACCEPT (IMAP4rev2 has no such item). */
    private static void checkData(List<MailboxCommands.Append> messages, SessionContext session) {
        if (!session.enabled(Extension.UTF8_ACCEPT)
                && messages.stream().anyMatch(message -> message.data() == MailboxCommands.AppendData.UTF8)) {
            throw new ImapSyntaxException("APPEND ... UTF8 (...) needs ENABLE UTF8=ACCEPT first");
        }
    }

    /** The message to store; flags the rights do not allow are dropped (RFC 4314 §4, APPEND). */
    private static MailboxService.NewMessage message(MailboxCommands.Append command, Rights rights) {
        MessageFlags flags = FlagRights.permitted(FlagNames.parse(command.flags()), rights);
        if (command.message().length == 0) {
            throw new ImapNoException("An empty message cannot be appended");
        }
        return new MailboxService.NewMessage(command.message(), flags,
                command.internalDate() == null ? Instant.now() : command.internalDate());
    }

    /** The new messages, so that the update after the command may not need to read the store. */
    private static void wrote(SessionContext session, Mailbox mailbox, List<MailboxService.NewMessage> messages,
            List<AppendResult> results) {
        SelectedMailbox selected = session.selected();
        if (selected == null || selected.mailbox().id() != mailbox.id()) {
            return;
        }
        List<MessageMeta> metas = new java.util.ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            MailboxService.NewMessage message = messages.get(i);
            metas.add(new MessageMeta(results.get(i).uid(), 0, results.get(i).modSeq(), message.flags(),
                    message.internalDate(), message.raw().length));
        }
        selected.wrote(results.get(0).modSeq(), metas);
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("APPENDLIMIT=" + properties.limits().maxLiteralSize().toBytes());
        capabilities.add("UIDPLUS");
        capabilities.add("MULTIAPPEND");
        // FETCH BINARY, BINARY.SIZE and APPEND with literal8
        capabilities.add("BINARY");
    }
}
