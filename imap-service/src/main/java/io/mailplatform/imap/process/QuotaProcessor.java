package io.mailplatform.imap.process;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.imap.command.QuotaCommands;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * GETQUOTA, GETQUOTAROOT and SETQUOTA (RFC 9208). An account with a quota (set through the admin
 * API) has one quota root, {@code ""}, holding all its mailboxes, with the STORAGE resource in units
 * of 1024 octets and the MESSAGE resource in messages, each listed only when limited; an account
 * without either has no quota root. SETQUOTA is refused: quotas are
 * the operator's, so QUOTASET is not advertised.
 */
@Component
public class QuotaProcessor implements CommandProcessor {
    /** The account's quota root (RFC 9208 §3.3: the name is the server's choice). */
    static final String ROOT = "";
    static final String STORAGE = "STORAGE";
    static final String MESSAGE = "MESSAGE";
    private static final long STORAGE_UNIT = 1024;

    private final DirectoryAdmin directory;
    private final MailboxService mailboxes;

    public QuotaProcessor(DirectoryAdmin directory, MailboxService mailboxes) {
        this.directory = directory;
        this.mailboxes = mailboxes;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(QuotaCommands.GetQuotaRoot.class, (command, session, out) -> {
            String name = MailboxNames.fromClient(command.mailbox(), session.utf8());
            Mailbox mailbox = mailboxes.require(session.account().id(), name);
            Optional<ImapResponse.Quota> quota = quota(session);
            out.untagged(new ImapResponse.QuotaRoot(mailbox.name(), quota.isPresent() ? List.of(ROOT) : List.of()));
            quota.ifPresent(out::untagged);
            return new Outcome.Done(Status.ok(command.tag(), "GETQUOTAROOT completed"));
        });
        handlers.on(QuotaCommands.GetQuota.class, (command, session, out) -> {
            ImapResponse.Quota quota = quota(session).filter(q -> q.root().equals(command.root()))
                    .orElseThrow(() -> new ImapNoException(ResponseCode.NONEXISTENT, "No such quota root"));
            out.untagged(quota);
            return new Outcome.Done(Status.ok(command.tag(), "GETQUOTA completed"));
        });
        // RFC 9208 §4.1.3 lets a server refuse SETQUOTA; limits are set by the operator (admin API)
        handlers.on(QuotaCommands.SetQuota.class, (command, session, out) -> new Outcome.Done(
                Status.no(command.tag(), ResponseCode.NOPERM, "Quotas are set by the operator")));
    }

    /** The account's quota root with its limited resources, or empty when the account has no quota. */
    private Optional<ImapResponse.Quota> quota(SessionContext session) {
        DirectoryAdmin.Quota quota;
        try {
            quota = directory.quota(session.account().address()).orElse(null);
        } catch (AddressException e) {
            throw new IllegalStateException("stored account address is invalid: " + session.account().address(), e);
        }
        if (quota == null) {
            return Optional.empty();
        }
        List<ImapResponse.QuotaResource> resources = new ArrayList<>(2);
        if (quota.limitBytes() != null) {
            // usage rounded up, limit down: a client never sees room that is not there
            long usage = (quota.usedBytes() + STORAGE_UNIT - 1) / STORAGE_UNIT;
            resources.add(new ImapResponse.QuotaResource(STORAGE, usage, quota.limitBytes() / STORAGE_UNIT));
        }
        if (quota.limitMessages() != null) {
            resources.add(new ImapResponse.QuotaResource(MESSAGE, quota.usedMessages(), quota.limitMessages()));
        }
        return resources.isEmpty() ? Optional.empty() : Optional.of(new ImapResponse.Quota(ROOT, resources));
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("QUOTA");
        capabilities.add("QUOTA=RES-MESSAGE");
        capabilities.add("QUOTA=RES-STORAGE");
    }
}
