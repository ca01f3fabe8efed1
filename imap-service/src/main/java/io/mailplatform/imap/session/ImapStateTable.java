package io.mailplatform.imap.session;

import io.mailplatform.imap.command.AclCommands;
import io.mailplatform.imap.command.AnyStateCommands;
import io.mailplatform.imap.command.AuthCommands;
import io.mailplatform.imap.command.CompressCommands;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.MetadataCommands;
import io.mailplatform.imap.command.NotifyCommands;
import io.mailplatform.imap.command.QuotaCommands;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which command is valid in which state (RFC 9051 §6.1 to §6.4, RFC 2971 for ID), in one table.
 * Every command record appears here; a command outside its states gets a tagged BAD before any
 * processing.
 */
public final class ImapStateTable {
    private static final Set<ImapState> ANY = EnumSet.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED,
            ImapState.SELECTED);
    private static final Set<ImapState> NOT_AUTHENTICATED = EnumSet.of(ImapState.NOT_AUTHENTICATED);
    private static final Set<ImapState> AUTHENTICATED = EnumSet.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
    private static final Set<ImapState> SELECTED = EnumSet.of(ImapState.SELECTED);

    private static final Map<Class<? extends ImapCommand>, Set<ImapState>> STATES = Map.ofEntries(
            Map.entry(AnyStateCommands.Capability.class, ANY),
            Map.entry(AnyStateCommands.Noop.class, ANY),
            Map.entry(AnyStateCommands.Logout.class, ANY),
            Map.entry(AnyStateCommands.Id.class, ANY),
            Map.entry(AuthCommands.StartTls.class, NOT_AUTHENTICATED),
            Map.entry(AuthCommands.Login.class, NOT_AUTHENTICATED),
            Map.entry(AuthCommands.Authenticate.class, NOT_AUTHENTICATED),
            Map.entry(MailboxCommands.Enable.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Select.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Create.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Delete.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Rename.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Subscribe.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Unsubscribe.class, AUTHENTICATED),
            Map.entry(MailboxCommands.ListMailboxes.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Lsub.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Namespace.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Status.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Append.class, AUTHENTICATED),
            Map.entry(MailboxCommands.MultiAppend.class, AUTHENTICATED),
            Map.entry(MailboxCommands.Idle.class, AUTHENTICATED),
            Map.entry(MessageCommands.Check.class, SELECTED),
            Map.entry(MessageCommands.Close.class, SELECTED),
            Map.entry(MessageCommands.Unselect.class, SELECTED),
            Map.entry(MessageCommands.Expunge.class, SELECTED),
            Map.entry(MessageCommands.Search.class, SELECTED),
            Map.entry(MessageCommands.Sort.class, SELECTED),
            Map.entry(MessageCommands.Thread.class, SELECTED),
            Map.entry(MessageCommands.Fetch.class, SELECTED),
            Map.entry(MessageCommands.Store.class, SELECTED),
            Map.entry(MessageCommands.Copy.class, SELECTED),
            Map.entry(MessageCommands.Move.class, SELECTED),
            Map.entry(QuotaCommands.GetQuota.class, AUTHENTICATED),
            Map.entry(QuotaCommands.GetQuotaRoot.class, AUTHENTICATED),
            Map.entry(QuotaCommands.SetQuota.class, AUTHENTICATED),
            Map.entry(MetadataCommands.GetMetadata.class, AUTHENTICATED),
            Map.entry(MetadataCommands.SetMetadata.class, AUTHENTICATED),
            Map.entry(NotifyCommands.Notify.class, AUTHENTICATED),
            Map.entry(AclCommands.SetAcl.class, AUTHENTICATED),
            Map.entry(AclCommands.DeleteAcl.class, AUTHENTICATED),
            Map.entry(AclCommands.GetAcl.class, AUTHENTICATED),
            Map.entry(AclCommands.ListRights.class, AUTHENTICATED),
            Map.entry(AclCommands.MyRights.class, AUTHENTICATED),
            Map.entry(CompressCommands.Compress.class, AUTHENTICATED));

    private ImapStateTable() {
    }

    public static boolean allows(ImapCommand command, ImapState state) {
        return STATES.get(command.getClass()).contains(state);
    }

    /** Why a command is refused in a state, for the BAD text. */
    public static String refusal(ImapCommand command, ImapState state) {
        Set<ImapState> states = STATES.get(command.getClass());
        if (states == NOT_AUTHENTICATED) {
            return "Already authenticated";
        }
        if (state == ImapState.NOT_AUTHENTICATED) {
            return "Authenticate first";
        }
        return "No mailbox selected";
    }

    /** Every command class in the table, for tests that try each one in each state. */
    public static Set<Class<? extends ImapCommand>> commands() {
        return STATES.keySet();
    }
}
