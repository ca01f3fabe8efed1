package io.mailplatform.imap.command;

/**
 * One parsed client command (RFC 9051 §6). Records are data only; processors give them meaning.
 * Mailbox names are kept as the client sent them (modified UTF-7 or UTF-8, decoded by the
 * processor according to the session's mode).
 */
public sealed interface ImapCommand permits AnyStateCommands.Capability, AnyStateCommands.Noop,
        AnyStateCommands.Logout, AnyStateCommands.Id,
        AuthCommands.StartTls, AuthCommands.Login, AuthCommands.Authenticate,
        MailboxCommands.Enable, MailboxCommands.Select, MailboxCommands.Create, MailboxCommands.Delete,
        MailboxCommands.Rename, MailboxCommands.Subscribe, MailboxCommands.Unsubscribe, MailboxCommands.ListMailboxes,
        MailboxCommands.Lsub, MailboxCommands.Namespace, MailboxCommands.Status, MailboxCommands.Append, MailboxCommands.MultiAppend,
        MailboxCommands.Idle,
        MessageCommands.Check, MessageCommands.Close, MessageCommands.Unselect, MessageCommands.Expunge,
        MessageCommands.Search, MessageCommands.Sort, MessageCommands.Thread, MessageCommands.Fetch, MessageCommands.Store, MessageCommands.Copy,
        MessageCommands.Move,
        QuotaCommands.GetQuota, QuotaCommands.GetQuotaRoot, QuotaCommands.SetQuota,
        MetadataCommands.GetMetadata, MetadataCommands.SetMetadata, NotifyCommands.Notify,
        AclCommands.SetAcl, AclCommands.DeleteAcl, AclCommands.GetAcl, AclCommands.ListRights, AclCommands.MyRights,
        CompressCommands.Compress {

    /** The client's tag, echoed in the completion response. */
    String tag();
}
