package io.mailplatform.imap.session;

import io.mailplatform.store.directory.Account;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * The state of one connection that processors read and change: the RFC 9051 §3 state, the
 * account, the selected mailbox, enabled extensions and the transport. One command at a time
 * touches it (the session runs commands in order), so it needs no locking.
 */
public final class SessionContext {
    private final InetAddress client;
    private final boolean implicitTls;
    private boolean tls;
    private boolean compressed;
    private ImapState state = ImapState.NOT_AUTHENTICATED;
    private Account account;
    private SelectedMailbox selected;
    private final Set<Extension> enabled = EnumSet.noneOf(Extension.class);
    private io.mailplatform.imap.notify.NotifyQueue notify;

    public SessionContext(InetAddress client, boolean implicitTls) {
        this.client = client;
        this.implicitTls = implicitTls;
        this.tls = implicitTls;
    }

    public ImapState state() {
        return state;
    }

    public InetAddress client() {
        return client;
    }

    /** Whether the connection is protected by TLS (implicit or after STARTTLS). */
    public boolean tls() {
        return tls;
    }

    /** Whether the connection came in on the implicit-TLS port (STARTTLS is then always BAD, RFC 9051 §6.2.1). */
    public boolean implicitTls() {
        return implicitTls;
    }

    public void tlsStarted() {
        tls = true;
    }

    /** Whether COMPRESS DEFLATE is active (RFC 4978). */
    public boolean compressed() {
        return compressed;
    }

    public void compressionStarted() {
        compressed = true;
    }

    public Account account() {
        return account;
    }

    public void authenticated(Account account) {
        this.account = account;
        this.state = ImapState.AUTHENTICATED;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public void select(SelectedMailbox mailbox) {
        mailbox.extensions(condstore(), qresync());
        this.selected = mailbox;
        this.state = ImapState.SELECTED;
    }

    /** Leaves the selected state (CLOSE, UNSELECT, a failed SELECT). */
    public void deselect() {
        this.selected = null;
        if (state == ImapState.SELECTED) {
            state = ImapState.AUTHENTICATED;
        }
    }

    public void logout() {
        selected = null;
        state = ImapState.LOGOUT;
    }

    public boolean enabled(Extension extension) {
        return enabled.contains(extension);
    }

    /**
     * Enables an extension; QRESYNC implies CONDSTORE (RFC 7162 §3.2.3). The selected mailbox, if
     * any, reports in the enabled way from now on.
     *
     * @return whether it was newly enabled
     */
    public boolean enable(Extension extension) {
        boolean added = enabled.add(extension);
        if (extension == Extension.QRESYNC) {
            enabled.add(Extension.CONDSTORE);
        }
        if (selected != null) {
            selected.extensions(condstore(), qresync());
        }
        return added;
    }

    /** CONDSTORE enabled (by ENABLE or a CONDSTORE enabling command, RFC 7162 §3.1). */
    public boolean condstore() {
        return enabled.contains(Extension.CONDSTORE);
    }

    public boolean qresync() {
        return enabled.contains(Extension.QRESYNC);
    }

    /**
     * UTF-8 instead of modified UTF-7 in mailbox names, and UTF-8 in quoted strings, both ways: after
     * ENABLE UTF8=ACCEPT (RFC 6855 §3) or ENABLE IMAP4rev2, which includes it.
     */
    public boolean utf8() {
        return enabled.contains(Extension.UTF8_ACCEPT) || enabled.contains(Extension.IMAP4REV2);
    }

    /** The session's NOTIFY queue (RFC 5465), or null without NOTIFY or after NOTIFY NONE. */
    public io.mailplatform.imap.notify.NotifyQueue notifyQueue() {
        return notify;
    }

    public void notifyQueue(io.mailplatform.imap.notify.NotifyQueue queue) {
        this.notify = queue;
    }

    /** IMAP4rev2 behaviour (after ENABLE IMAP4rev2). */
    public boolean rev2() {
        return enabled.contains(Extension.IMAP4REV2);
    }
}
