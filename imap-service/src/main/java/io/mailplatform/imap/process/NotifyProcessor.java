package io.mailplatform.imap.process;

import io.mailplatform.imap.command.MailboxCommands.StatusItem;
import io.mailplatform.imap.command.NotifyCommands;
import io.mailplatform.imap.config.NotifyProperties;
import io.mailplatform.imap.fetch.FetchItem;
import io.mailplatform.imap.mailbox.MailboxNames;
import io.mailplatform.imap.notify.NotifyEvent;
import io.mailplatform.imap.notify.NotifyQueue;
import io.mailplatform.imap.notify.NotifySpec;
import io.mailplatform.imap.notify.NotifySpec.EventGroup;
import io.mailplatform.imap.notify.NotifySpec.FilterKind;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxAdmin;
import io.mailplatform.store.mailbox.MailboxService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * NOTIFY (RFC 5465): which changes to mailboxes other than the selected one a session hears of, as
 * STATUS and LIST responses, fed by {@code mailbox.events} through the session's {@link NotifyQueue}.
 * The selected mailbox reports as without NOTIFY (EXISTS, FETCH, EXPUNGE or VANISHED), plus, when
 * MessageNew came with fetch attributes, a FETCH response with them for each new message after its
 * EXISTS (sent by the {@link CommandDispatcher} through {@link FetchProcessor#newMessages}).
 */
@Component
public class NotifyProcessor implements CommandProcessor {
    private static final String SUPPORTED = "(" + Arrays.stream(NotifyEvent.values()).map(NotifyEvent::wire)
            .collect(Collectors.joining(" ")) + ")";

    private final MailboxService mailboxes;
    private final MailboxAdmin admin;
    private final StatusReport statusReport;
    private final NotifyProperties properties;

    public NotifyProcessor(MailboxService mailboxes, MailboxAdmin admin, StatusReport statusReport,
            NotifyProperties properties) {
        this.mailboxes = mailboxes;
        this.admin = admin;
        this.statusReport = statusReport;
        this.properties = properties;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(NotifyCommands.Notify.class, (command, session, out) -> {
            if (command.none()) {
                session.notifyQueue(null);
                return new Outcome.Done(Status.ok(command.tag(), "NOTIFY completed"));
            }
            NotifySpec spec = spec(command, session);
            session.notifyQueue(new NotifyQueue(spec, properties.maxQueued()));
            if (spec.status()) {
                for (Mailbox mailbox : mailboxes.mailboxes(session.account().id())) {
                    boolean selected = session.selected() != null && session.selected().mailbox().id() == mailbox.id();
                    Set<NotifyEvent> events = spec.eventsFor(mailbox.name());
                    if (!selected && (events.contains(NotifyEvent.MESSAGE_NEW) || events.contains(NotifyEvent.MESSAGE_EXPUNGE)
                            || events.contains(NotifyEvent.FLAG_CHANGE))) {
                        out.untagged(statusReport.of(mailbox, statusItems(session, events)));
                    }
                }
            }
            return new Outcome.Done(Status.ok(command.tag(), "NOTIFY completed"));
        });
    }

    /** The groups, checked against RFC 5465 §5 and §6; unsupported events are NO [BADEVENT (supported)]. */
    private NotifySpec spec(NotifyCommands.Notify command, SessionContext session) {
        List<EventGroup> groups = new ArrayList<>();
        List<FetchItem> newMessageItems = List.of();
        for (NotifyCommands.EventGroup group : command.groups()) {
            Set<NotifyEvent> events = EnumSet.noneOf(NotifyEvent.class);
            for (String name : group.events()) {
                NotifyEvent event = NotifyEvent.fromWire(name);
                if (event == null) {
                    throw new ImapNoException(new ResponseCode("BADEVENT", SUPPORTED), "Event " + name + " is not supported");
                }
                events.add(event);
            }
            // RFC 5465 §5 wants MessageNew and MessageExpunge together and FlagChange with both; Dovecot takes
            // each alone (its imaptest sets them one at a time), and so do we: a narrower request is harmless
            FilterKind kind = FilterKind.valueOf(group.filter().toUpperCase(Locale.ROOT).replace('-', '_')
                    .replace("SUBSCRIBED", "MAILBOXES"));
            boolean selectedFilter = kind == FilterKind.SELECTED || kind == FilterKind.SELECTED_DELAYED;
            if (selectedFilter && (events.contains(NotifyEvent.MAILBOX_NAME)
                    || events.contains(NotifyEvent.SUBSCRIPTION_CHANGE))) {
                throw new ImapSyntaxException("The selected mailbox has message events only");
            }
            if (!group.messageNewItems().isEmpty()) {
                newMessageItems = newMessageItems(group, selectedFilter);
            }
            List<String> names = group.filter().equals("subscribed") ? admin.subscriptions(session.account().id())
                    : group.mailboxes().stream().map(name -> MailboxNames.fromClient(name, session.utf8())).toList();
            groups.add(new EventGroup(kind, names, events));
        }
        return new NotifySpec(command.status(), groups, newMessageItems);
    }

    /**
     * MessageNew's fetch attributes (RFC 5465 §5.2): FETCH responses exist for the selected mailbox only,
     * so they go with {@code selected} or {@code selected-delayed} (as Dovecot has it), and they must not
     * change the message: BODY[...], BINARY[...], RFC822 and RFC822.TEXT set \Seen, their .PEEK forms do
     * not. Either mistake is BAD.
     */
    private static List<FetchItem> newMessageItems(NotifyCommands.EventGroup group, boolean selectedFilter) {
        if (!selectedFilter) {
            throw new ImapSyntaxException("MessageNew takes fetch attributes for the selected mailbox only");
        }
        if (group.messageNewItems().stream().anyMatch(FetchItem::setsSeen)) {
            throw new ImapSyntaxException("MessageNew fetch attributes must not set \\Seen: use BODY.PEEK or BINARY.PEEK");
        }
        return group.messageNewItems();
    }

    /**
     * STATUS of another mailbox (RFC 5465 §5.1 to §5.3): the counts and UIDs, and HIGHESTMODSEQ once
     * CONDSTORE is on or when flag changes are asked for (§5.3: they are told by HIGHESTMODSEQ).
     */
    static List<StatusItem> statusItems(SessionContext session, Set<NotifyEvent> events) {
        List<StatusItem> items = new ArrayList<>(List.of(StatusItem.MESSAGES, StatusItem.UIDNEXT, StatusItem.UIDVALIDITY,
                StatusItem.UNSEEN));
        if (session.condstore() || events.contains(NotifyEvent.FLAG_CHANGE)) {
            items.add(StatusItem.HIGHESTMODSEQ);
        }
        return items;
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        capabilities.add("NOTIFY");
    }

    /**
     * Sends what the session's NOTIFY queue holds (between commands and while idling), each notice
     * read from the store now; after an overflow, {@code [NOTIFICATIONOVERFLOW]} and NOTIFY is off (§5.8).
     */
    public void deliver(SessionContext session, Responder out) {
        NotifyQueue queue = session.notifyQueue();
        if (queue == null) {
            return;
        }
        if (queue.overflowed()) {
            session.notifyQueue(null);
            out.untagged(Status.ok(null, ResponseCode.of("NOTIFICATIONOVERFLOW"),
                    "Too many notifications; NOTIFY is now off"));
            return;
        }
        long accountId = session.account().id();
        long selectedId = session.selected() == null ? -1 : session.selected().mailbox().id();
        for (NotifyQueue.Notice notice : queue.drain()) {
            switch (notice.kind()) {
                case STATUS -> mailboxes.find(accountId, notice.mailboxName()).filter(m -> m.id() != selectedId)
                        .ifPresent(mailbox -> out.untagged(statusReport.of(mailbox,
                                statusItems(session, queue.spec().eventsFor(mailbox.name())))));
                case NAME -> {
                    boolean exists = !notice.deleted() && mailboxes.find(accountId, notice.mailboxName()).isPresent();
                    out.untagged(new ImapResponse.MailboxList(false, exists ? List.of() : List.of("\\NonExistent"),
                            notice.mailboxName(), List.of()));
                }
                case SUBSCRIPTION -> {
                    boolean subscribed = admin.subscriptions(accountId).contains(notice.mailboxName());
                    out.untagged(new ImapResponse.MailboxList(false, subscribed ? List.of("\\Subscribed") : List.of(),
                            notice.mailboxName(), List.of()));
                }
            }
        }
    }
}
