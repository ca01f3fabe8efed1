package io.mailplatform.imap.process;

import io.mailplatform.imap.command.AnyStateCommands;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.notify.NotifyQueue;
import io.mailplatform.imap.response.ImapByeException;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.ImapState;
import io.mailplatform.imap.session.ImapStateTable;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.acl.MailboxPermissionException;
import io.mailplatform.store.failure.StoreTimeoutException;
import io.mailplatform.store.failure.StoreUnavailableException;
import io.mailplatform.store.mailbox.AccountLimitException;
import io.mailplatform.store.mailbox.MailboxExistsException;
import io.mailplatform.store.mailbox.MailboxNotFoundException;
import io.mailplatform.store.mailbox.MailboxRefusedException;
import io.mailplatform.store.mailbox.OverQuotaException;
import io.mailplatform.store.mailbox.MessageIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs commands: checks the state table, calls the command's handler, reports what changed in the
 * selected mailbox (RFC 9051 §7: EXISTS, FETCH, and EXPUNGE except during FETCH, STORE and SEARCH),
 * and maps every failure to a response in this one place: syntax errors to BAD, refusals to NO
 * with their code, an account's caps and queries cancelled for taking too long to NO [LIMIT]
 * (RFC 5530), store outages to NO [UNAVAILABLE], anything unexpected to NO [SERVERBUG] (the session
 * goes on), an unusable session to BYE.
 */
@Component
public class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final Map<Class<?>, CommandProcessor.Handler<?>> handlers = new HashMap<>();
    private final MessageIndex index;
    private final NotifyProcessor notify;
    private final FetchProcessor fetch;
    private final SelectedRights selectedRights;

    public CommandDispatcher(List<CommandProcessor> processors, MessageIndex index, SelectedRights selectedRights) {
        this.index = index;
        this.notify = processors.stream().filter(NotifyProcessor.class::isInstance).map(NotifyProcessor.class::cast)
                .findFirst().orElse(null);
        this.fetch = processors.stream().filter(FetchProcessor.class::isInstance).map(FetchProcessor.class::cast)
                .findFirst().orElse(null);
        this.selectedRights = selectedRights;
        CommandProcessor.Handlers registry = new CommandProcessor.Handlers() {
            @Override
            public <C extends ImapCommand> void on(Class<C> type, CommandProcessor.Handler<C> handler) {
                if (handlers.put(type, handler) != null) {
                    throw new IllegalStateException("two handlers for " + type.getSimpleName());
                }
            }
        };
        processors.forEach(processor -> processor.register(registry));
        for (Class<? extends ImapCommand> command : ImapStateTable.commands()) {
            if (!handlers.containsKey(command)) {
                throw new IllegalStateException("no handler for " + command.getSimpleName());
            }
        }
    }

    public Outcome dispatch(ImapCommand command, SessionContext session, Responder out) {
        String tag = command.tag();
        if (session.state() == ImapState.SELECTED) {
            // a revoked r right deselects first: the command then runs in the authenticated state
            Outcome failure = run(tag, () -> {
                selectedRights.refresh(session, out);
                return null;
            });
            if (failure != null) {
                return failure;
            }
        }
        if (!ImapStateTable.allows(command, session.state())) {
            return new Outcome.Done(Status.bad(tag, null, ImapStateTable.refusal(command, session.state())));
        }
        boolean wasSelected = session.state() == ImapState.SELECTED;
        if (wasSelected) {
            session.selected().commandStarts();
        }
        return finish(command, wasSelected, session, out, run(tag, () -> handle(command, session, out)));
    }

    /**
     * Ends a command once its handler is done: a paused handler goes on later; its output must have
     * reached the client (every deferred literal written) before the mailbox's changes are reported
     * and the tagged response goes out, so the session pauses until then too.
     */
    private Outcome finish(ImapCommand command, boolean wasSelected, SessionContext session, Responder out,
            Outcome outcome) {
        String tag = command.tag();
        if (outcome instanceof Outcome.Paused paused) {
            return new Outcome.Paused(next -> finish(command, wasSelected, session, next,
                    run(tag, () -> paused.rest().run(next))));
        }
        if (outcome instanceof Outcome.Bye) {
            return outcome;
        }
        Outcome waiting = run(tag, () -> out.congested() ? new Outcome.Paused(next -> outcome) : null);
        if (waiting instanceof Outcome.Paused) {
            return finish(command, wasSelected, session, out, waiting);
        }
        if (waiting != null) {
            return waiting; // the connection is gone
        }
        Outcome reported = null;
        if (wasSelected && session.state() == ImapState.SELECTED && !(command instanceof MailboxCommands.Select)
                && (outcome instanceof Outcome.Done || outcome instanceof Outcome.Idle)) {
            reported = report(tag, session, out, allowsExpunge(command), asksForNews(command));
        }
        return then(tag, reported, next -> {
            if (outcome instanceof Outcome.Done || outcome instanceof Outcome.Idle) {
                Outcome failure = notifications(tag, session, next);
                if (failure != null) {
                    return failure;
                }
            }
            return outcome;
        }, out);
    }

    /**
     * Goes on with {@code rest} once {@code step} (null, a BYE or a pause) is done: at once, or after the
     * pauses it takes; a BYE ends there.
     */
    private Outcome then(String tag, Outcome step, Function<Responder, Outcome> rest, Responder out) {
        if (step instanceof Outcome.Paused paused) {
            return new Outcome.Paused(next -> then(tag, run(tag, () -> paused.rest().run(next)), rest, next));
        }
        if (step instanceof Outcome.Bye) {
            return step;
        }
        return rest.apply(out);
    }

    /** Hands a continuation line to the command waiting for it. */
    public Outcome continueWith(String tag, ContinuationHandler handler, String line, SessionContext session,
            Responder out) {
        return run(tag, () -> handler.line(line, session, out));
    }

    /**
     * Reports changes to the selected mailbox outside a command (IDLE), EXPUNGE included; a revoked
     * {@code r} right deselects the mailbox instead ({@link SelectedRights}).
     *
     * @return null when all is said, the BYE that ends the session, or a pause (NOTIFY's FETCH responses
     *         for new messages wait for the client to read)
     */
    public Outcome update(SessionContext session, Responder out) {
        if (notifications(null, session, out) instanceof Outcome.Bye bye) {
            return bye;
        }
        if (session.state() != ImapState.SELECTED) {
            return null;
        }
        Outcome failure = run(null, () -> {
            selectedRights.refresh(session, out);
            return null;
        });
        if (failure instanceof Outcome.Bye || session.state() != ImapState.SELECTED) {
            return failure instanceof Outcome.Bye ? failure : null;
        }
        return report(null, session, out, true, true);
    }

    /**
     * Reports what changed in the selected mailbox (EXISTS, FETCH, EXPUNGE) and, when NOTIFY's MessageNew
     * asks for fetch attributes, a FETCH response with them for each new message (RFC 5465 §5.2).
     *
     * @return null, a BYE, or a pause
     */
    private Outcome report(String tag, SessionContext session, Responder out, boolean allowExpunge,
            boolean askedForNews) {
        Outcome result = run(tag, () -> {
            int added = session.selected().sync(index, out, allowExpunge, session.rev2(), askedForNews);
            NotifyQueue queue = session.notifyQueue();
            if (added == 0 || fetch == null || queue == null || queue.spec().newMessageItems().isEmpty()) {
                return null;
            }
            int exists = session.selected().exists();
            return fetch.newMessages(session, exists - added + 1, exists, queue.spec().newMessageItems(), out);
        });
        return result instanceof Outcome.Bye || result instanceof Outcome.Paused ? result : null;
    }

    /** NOTIFY's notices about other mailboxes (RFC 5465), after a command and while idling. */
    private Outcome notifications(String tag, SessionContext session, Responder out) {
        if (notify == null || session.notifyQueue() == null) {
            return null;
        }
        Outcome result = run(tag, () -> {
            notify.deliver(session, out);
            return null;
        });
        return result instanceof Outcome.Bye ? result : null;
    }

    @SuppressWarnings("unchecked")
    private <C extends ImapCommand> Outcome handle(C command, SessionContext session, Responder out) {
        CommandProcessor.Handler<C> handler = (CommandProcessor.Handler<C>) handlers.get(command.getClass());
        return handler.handle(command, session, out);
    }

    /**
     * Commands a client sends to poll for changes (and IDLE, whose updates read the store too): after
     * them the store is always read; after others only when this process does not know the mailbox
     * is unchanged.
     */
    static boolean asksForNews(ImapCommand command) {
        return command instanceof AnyStateCommands.Noop || command instanceof MessageCommands.Check
                || command instanceof MailboxCommands.Idle;
    }

    /** RFC 9051 §7.5.1: no EXPUNGE while a FETCH, STORE or SEARCH (or SORT, THREAD) runs; nor, here, their UID forms. */
    static boolean allowsExpunge(ImapCommand command) {
        return !(command instanceof MessageCommands.Fetch || command instanceof MessageCommands.Store
                || command instanceof MessageCommands.Search || command instanceof MessageCommands.Sort
                || command instanceof MessageCommands.Thread);
    }

    private Outcome run(String tag, Supplier<Outcome> work) {
        try {
            return work.get();
        } catch (ImapSyntaxException e) {
            return new Outcome.Done(Status.bad(tag, e.code(), e.text()));
        } catch (ImapNoException e) {
            return new Outcome.Done(Status.no(tag, e.code(), e.text()));
        } catch (ImapByeException e) {
            return new Outcome.Bye(e.text());
        } catch (MailboxNotFoundException e) {
            return new Outcome.Done(Status.no(tag, ResponseCode.NONEXISTENT, "No such mailbox"));
        } catch (MailboxRefusedException e) {
            return new Outcome.Done(Status.no(tag, code(e.reason()), e.getMessage()));
        } catch (MailboxPermissionException e) {
            return new Outcome.Done(Status.no(tag, ResponseCode.NOPERM, e.getMessage()));
        } catch (MailboxExistsException e) {
            return new Outcome.Done(Status.no(tag, ResponseCode.ALREADYEXISTS, "Mailbox already exists"));
        } catch (OverQuotaException e) {
            return new Outcome.Done(Status.no(tag, ResponseCode.OVERQUOTA, "Not enough room: the quota is exceeded"));
        } catch (AccountLimitException e) {
            return new Outcome.Done(Status.no(tag, ResponseCode.LIMIT, e.getMessage()));
        } catch (StoreTimeoutException e) {
            log.info("command {}: {}", tag, e.getMessage());
            return new Outcome.Done(Status.no(tag, ResponseCode.LIMIT, "The command took too long, narrow it"));
        } catch (StoreUnavailableException e) {
            log.warn("store unavailable: {}", e.getCause().toString());
            return new Outcome.Done(Status.no(tag, ResponseCode.UNAVAILABLE, "The mail store is unavailable, try again"));
        } catch (RuntimeException e) {
            log.error("command {} failed", tag, e);
            return new Outcome.Done(Status.no(tag, ResponseCode.SERVERBUG, "Internal error, the session goes on"));
        }
    }

    private static ResponseCode code(MailboxRefusedException.Reason reason) {
        switch (reason) {
            case LIMIT:
                return ResponseCode.LIMIT;
            case ALREADYEXISTS:
                return ResponseCode.ALREADYEXISTS;
            case HASCHILDREN:
                return ResponseCode.HASCHILDREN;
            default:
                return ResponseCode.CANNOT;
        }
    }
}
