package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MailboxCommands.ListReturn;
import io.mailplatform.imap.command.MailboxCommands.ListSelection;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.mailbox.MailboxPattern;
import io.mailplatform.imap.response.ImapException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.acl.Right;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxAdmin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * LIST (RFC 9051 §6.3.9 with LIST-EXTENDED, RFC 5258; LIST-STATUS, RFC 5819; SPECIAL-USE,
 * RFC 6154) and LSUB (RFC 3501 §6.3.9). Children attributes and special-use attributes are always
 * returned, they cost nothing here; \Subscribed when asked for.
 */
@Component
public class ListProcessor implements CommandProcessor {
    private static final String NOSELECT = "\\Noselect";
    private static final String NONEXISTENT = "\\NonExistent";
    private static final String SUBSCRIBED = "\\Subscribed";

    private final MailboxAccess access;
    private final MailboxAdmin admin;
    private final StatusReport status;

    public ListProcessor(MailboxAccess access, MailboxAdmin admin, StatusReport status) {
        this.access = access;
        this.admin = admin;
        this.status = status;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(MailboxCommands.ListMailboxes.class, this::list);
        handlers.on(MailboxCommands.Lsub.class, this::lsub);
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.addAll(List.of("CHILDREN", "LIST-EXTENDED", "LIST-MYRIGHTS", "LIST-STATUS", "SPECIAL-USE"));
    }

    /** One LIST response being assembled. */
    private static final class Entry {
        final String name;
        final List<String> attributes = new ArrayList<>();
        final List<ImapResponse.ListExtension> extensions = new ArrayList<>();
        final AccessibleMailbox mailbox;

        Entry(String name, AccessibleMailbox mailbox) {
            this.name = name;
            this.mailbox = mailbox;
        }
    }

    private Outcome list(MailboxCommands.ListMailboxes command, SessionContext session, Responder out) {
        boolean rev2 = session.rev2();
        if (!command.extended() && command.patterns().get(0).isEmpty()) {
            // RFC 9051 §6.3.9: LIST "ref" "" asks for the delimiter and the root of the reference
            String reference = command.reference();
            int slash = reference.indexOf(MailboxNames.DELIMITER);
            String root = slash < 0 ? "" : reference.substring(0, slash + 1);
            out.untagged(new ImapResponse.MailboxList(false, List.of(NOSELECT), root, List.of()));
            return new Outcome.Done(Status.ok(command.tag(), "LIST completed"));
        }
        List<MailboxPattern> patterns = patterns(command.reference(), command.patterns(), rev2);
        boolean selectSubscribed = command.selection().contains(ListSelection.SUBSCRIBED);
        boolean selectSpecialUse = command.selection().contains(ListSelection.SPECIAL_USE);
        boolean recursive = command.selection().contains(ListSelection.RECURSIVEMATCH);
        boolean showSubscribed = selectSubscribed || command.returns().contains(ListReturn.SUBSCRIBED);
        String impliedAttribute = command.extended() || rev2 ? NONEXISTENT : NOSELECT;

        // the account's own mailboxes and those shared with it with the l right, by the names it uses
        Map<String, AccessibleMailbox> existing = new TreeMap<>();
        for (AccessibleMailbox mailbox : access.visible(session.account())) {
            existing.put(mailbox.name(), mailbox);
        }
        Set<String> parents = ancestorsOf(existing.keySet());
        Set<String> subscribed = showSubscribed ? new HashSet<>(admin.subscriptions(session.account().id())) : Set.of();

        // the names that satisfy the selection criteria
        Set<String> selected = new HashSet<>();
        if (selectSubscribed) {
            selected.addAll(subscribed);
        }
        if (selectSpecialUse) {
            existing.values().stream().filter(m -> specialUse(m) != null).forEach(m -> selected.add(m.name()));
        }
        boolean filtering = selectSubscribed || selectSpecialUse;
        if (selectSubscribed && selectSpecialUse) {
            selected.retainAll(subscribed);
            selected.removeIf(name -> existing.get(name) == null || specialUse(existing.get(name)) == null);
        }

        Map<String, Entry> entries = new LinkedHashMap<>();
        if (filtering) {
            for (String name : selected) {
                if (matchesAny(patterns, name)) {
                    Entry entry = entry(entries, name, existing.get(name));
                    if (!existing.containsKey(name)) {
                        entry.attributes.add(NONEXISTENT);
                    }
                }
            }
            if (recursive) {
                String option = selectSubscribed ? "SUBSCRIBED" : "SPECIAL-USE";
                Set<String> candidates = new HashSet<>(existing.keySet());
                candidates.addAll(ancestorsOf(selected));
                for (String name : candidates) {
                    if (!matchesAny(patterns, name)) {
                        continue;
                    }
                    // RFC 9051 §6.3.9.6: CHILDINFO when a descendant meets the criteria but is not listed itself
                    boolean hasUnlistedMatch = selected.stream().anyMatch(
                            s -> s.startsWith(name + MailboxNames.DELIMITER) && !matchesAny(patterns, s));
                    if (hasUnlistedMatch) {
                        Entry entry = entries.get(name);
                        if (entry == null) {
                            entry = entry(entries, name, existing.get(name));
                            if (!existing.containsKey(name)) {
                                entry.attributes.add(NONEXISTENT);
                            }
                        }
                        entry.extensions.add(new ImapResponse.ListExtension("CHILDINFO", List.of(option), false));
                    }
                }
            }
        } else {
            for (String name : existing.keySet()) {
                if (matchesAny(patterns, name)) {
                    entry(entries, name, existing.get(name));
                }
            }
            // levels of hierarchy that exist only through their inferiors (RFC 9051 §6.3.9: "%" at the end)
            for (String name : parents) {
                if (!existing.containsKey(name) && patterns.stream().anyMatch(p -> p.listsImpliedLevels() && p.matches(name))) {
                    entry(entries, name, null).attributes.add(impliedAttribute);
                }
            }
        }

        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(Comparator.comparing((Entry e) -> !e.name.equals(Mailbox.INBOX)).thenComparing(e -> e.name));
        for (Entry entry : ordered) {
            if (entry.mailbox != null || parents.contains(entry.name)) {
                entry.attributes.add(parents.contains(entry.name) ? "\\HasChildren" : "\\HasNoChildren");
            }
            if (entry.mailbox != null && specialUse(entry.mailbox) != null) {
                entry.attributes.add(specialUse(entry.mailbox));
            }
            if (showSubscribed && subscribed.contains(entry.name)) {
                entry.attributes.add(SUBSCRIBED);
            }
            out.untagged(new ImapResponse.MailboxList(false, entry.attributes, entry.name, entry.extensions));
            // RFC 5819 §2 and RFC 4314: STATUS only where the account could ask STATUS (the r right)
            if (!command.statusItems().isEmpty() && entry.mailbox != null && entry.mailbox.rights().has(Right.READ)) {
                out.untagged(status.of(entry.mailbox.mailbox(), entry.name, command.statusItems()));
            }
            if (command.returns().contains(ListReturn.MYRIGHTS) && entry.mailbox != null) {
                // RFC 8440 §2
                out.untagged(new ImapResponse.MyRights(entry.name, entry.mailbox.rights().format()));
            }
        }
        return new Outcome.Done(Status.ok(command.tag(), "LIST completed"));
    }

    /** LSUB: subscribed names matching; with "%" last, unsubscribed levels above them as \Noselect (RFC 3501 §6.3.9). */
    private Outcome lsub(MailboxCommands.Lsub command, SessionContext session, Responder out) {
        List<MailboxPattern> patterns = patterns(command.reference(), List.of(command.pattern()), session.rev2());
        Set<String> existing = new HashSet<>();
        access.visible(session.account()).forEach(m -> existing.add(m.name()));
        TreeMap<String, List<String>> results = new TreeMap<>();
        List<String> subscriptions = admin.subscriptions(session.account().id());
        for (String name : subscriptions) {
            if (matchesAny(patterns, name)) {
                results.put(name, existing.contains(name) ? List.of() : List.of(NOSELECT));
            }
        }
        for (String name : ancestorsOf(subscriptions)) {
            if (!results.containsKey(name) && !subscriptions.contains(name)
                    && patterns.stream().anyMatch(p -> p.listsImpliedLevels() && p.matches(name))) {
                results.put(name, List.of(NOSELECT));
            }
        }
        results.forEach((name, attributes) -> out.untagged(new ImapResponse.MailboxList(true, attributes, name, List.of())));
        return new Outcome.Done(Status.ok(command.tag(), "LSUB completed"));
    }

    /** A special-use attribute describes the account's own mailboxes only: another's Sent is not its Sent. */
    private static String specialUse(AccessibleMailbox mailbox) {
        return mailbox.own() ? mailbox.mailbox().specialUse() : null;
    }

    private static Entry entry(Map<String, Entry> entries, String name, AccessibleMailbox mailbox) {
        return entries.computeIfAbsent(name, n -> new Entry(n, mailbox));
    }

    /**
     * The canonical patterns; a pattern the server cannot interpret (bad modified UTF-7) is
     * silently ignored, as RFC 9051 §6.3.9 requires. Empty patterns mean nothing in the extended form.
     */
    private static List<MailboxPattern> patterns(String reference, List<String> raw, boolean rev2) {
        String canonicalReference;
        try {
            canonicalReference = reference.isEmpty() ? "" : MailboxNames.fromClient(reference, rev2);
        } catch (ImapException e) {
            return List.of();
        }
        List<MailboxPattern> patterns = new ArrayList<>();
        for (String pattern : raw) {
            if (pattern.isEmpty()) {
                continue;
            }
            try {
                patterns.add(MailboxPattern.of(canonicalReference, MailboxNames.fromClient(pattern, rev2)));
            } catch (ImapException e) {
                // ignored
            }
        }
        return patterns;
    }

    private static boolean matchesAny(List<MailboxPattern> patterns, String name) {
        for (MailboxPattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** Every proper ancestor of the names: "a/b/c" gives "a" and "a/b". */
    private static Set<String> ancestorsOf(java.util.Collection<String> names) {
        Set<String> ancestors = new HashSet<>();
        for (String name : names) {
            for (int slash = name.indexOf(MailboxNames.DELIMITER); slash > 0;
                    slash = name.indexOf(MailboxNames.DELIMITER, slash + 1)) {
                ancestors.add(name.substring(0, slash));
            }
        }
        return ancestors;
    }
}
