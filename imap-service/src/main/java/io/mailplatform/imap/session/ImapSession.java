package io.mailplatform.imap.session;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.codec.ContinuationRequest;
import io.mailplatform.imap.codec.FrameRejected;
import io.mailplatform.imap.codec.ImapFrameDecoder;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.idle.MailboxEventHub;
import io.mailplatform.imap.parse.CommandParseException;
import io.mailplatform.imap.parse.ImapCommandParser;
import io.mailplatform.imap.process.Capabilities;
import io.mailplatform.imap.process.CommandDispatcher;
import io.mailplatform.imap.process.ContinuationHandler;
import io.mailplatform.imap.process.Outcome;
import io.mailplatform.imap.encode.ResponseEncoders;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.server.net.OrderedSessionHandler;
import io.mailplatform.store.event.MailboxEvent;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One IMAP connection: takes frames from {@link ImapFrameDecoder} in order, parses commands, runs
 * them through the {@link CommandDispatcher} off the event loop, and carries out how each ends
 * (tagged response, STARTTLS, continuation, IDLE, BYE). Command continuation requests and the
 * answers to refused input are sent from here: the decoder never writes to the client.
 */
public final class ImapSession extends OrderedSessionHandler implements MailboxEventHub.Listener {

    /** What the session's collaborators are; one per server. */
    public record Services(ImapCommandParser parser, CommandDispatcher dispatcher, Capabilities capabilities,
            ResponseEncoders encoders, MailboxEventHub hub, String hostname, Duration loginTimeout,
            Duration idlePollInterval) {
    }

    private enum Mode {
        COMMANDS, CONTINUATION, IDLE
    }

    private final Services services;
    private final SslContext sslContext;
    private final ImapFrameDecoder decoder;
    private final boolean implicitTls;
    private SessionContext context;
    private ChannelResponder responder;

    private Mode mode = Mode.COMMANDS;
    private String pendingTag;
    private ContinuationHandler continuation;
    private ScheduledFuture<?> idlePoll;
    private ScheduledFuture<?> loginTimer;
    private boolean updatePending;
    private boolean updating;
    private long listeningTo = -1;

    public ImapSession(Services services, SslContext sslContext, ImapFrameDecoder decoder, boolean implicitTls,
            Executor workers) {
        super(workers);
        this.services = services;
        this.sslContext = sslContext;
        this.decoder = decoder;
        this.implicitTls = implicitTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = new SessionContext(clientAddress(), implicitTls);
        responder = new ChannelResponder(ctx.channel(), services.encoders(), context);
        responder.send(Status.ok(null, ResponseCode.capability(services.capabilities().of(context)),
                services.hostname() + " IMAP4rev2 server ready"));
        responder.flush();
        loginTimer = ctx.executor().schedule(() -> {
            if (context.state() == ImapState.NOT_AUTHENTICATED) {
                bye("Autologout; no login in time");
            }
        }, services.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopListening();
        cancel(idlePoll);
        cancel(loginTimer);
        if (responder != null) {
            responder.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (responder != null) {
            responder.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            bye("Autologout; idle for too long");
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void internalError(RuntimeException e) {
        bye("Internal server error");
    }

    @Override
    protected void handle(Object frame) {
        if (context.state() == ImapState.LOGOUT) {
            return;
        }
        if (frame instanceof ContinuationRequest request) {
            continuationRequest(request);
        } else if (frame instanceof FrameRejected rejected) {
            rejected(rejected);
        } else if (frame instanceof CommandFrame command) {
            switch (mode) {
                case IDLE -> idleLine(command.firstLine());
                case CONTINUATION -> continuationLine(command.firstLine());
                default -> command(command);
            }
        }
    }

    /** Asks for a literal's octets, unless the command is unknown: then BAD, and the client sends no more of it. */
    private void continuationRequest(ContinuationRequest request) {
        if (mode == Mode.COMMANDS) {
            try {
                services.parser().commandName(request.firstLine());
            } catch (CommandParseException e) {
                decoder.abandonCommand();
                send(Status.bad(e.tag(), e.code(), e.getMessage()));
                return;
            }
        }
        send(new ImapResponse.Continuation("Ready for literal data"));
    }

    private void command(CommandFrame frame) {
        ImapCommand command;
        try {
            command = services.parser().parse(frame);
        } catch (CommandParseException e) {
            send(Status.bad(e.tag(), e.code(), e.getMessage()));
            return;
        }
        offload(() -> services.dispatcher().dispatch(command, context, responder), this::apply);
    }

    private void continuationLine(String line) {
        String tag = pendingTag;
        ContinuationHandler handler = continuation;
        mode = Mode.COMMANDS;
        pendingTag = null;
        continuation = null;
        offload(() -> services.dispatcher().continueWith(tag, handler, line, context, responder), this::apply);
    }

    /** RFC 9051 §6.3.13: DONE ends IDLE; anything else is a protocol error that ends it too. */
    private void idleLine(String line) {
        String tag = pendingTag;
        mode = Mode.COMMANDS;
        pendingTag = null;
        cancel(idlePoll);
        if (!line.equalsIgnoreCase("DONE")) {
            send(Status.bad(tag, null, "Expected DONE to end IDLE"));
            return;
        }
        offload(() -> services.dispatcher().update(context, responder), bye -> {
            if (bye != null) {
                apply(bye);
            } else {
                send(Status.ok(tag, "IDLE terminated"));
            }
        });
    }

    private void rejected(FrameRejected rejected) {
        String tag = rejected.tag();
        if (rejected.firstLine() != null) {
            try {
                services.parser().commandName(rejected.firstLine());
            } catch (CommandParseException e) {
                // an unknown command is the first thing wrong with it (RFC 9051 §7.6)
                send(Status.bad(e.tag(), e.code(), e.getMessage()));
                return;
            }
        }
        switch (rejected.reason()) {
            case LINE_TOO_LONG -> send(Status.bad(tag, ResponseCode.TOOBIG,
                    "Command line too long (at most " + rejected.size() + " octets)"));
            case LITERAL_TOO_LARGE -> send(rejected.append()
                    ? Status.no(tag, ResponseCode.TOOBIG, "Message too large")
                    : Status.bad(tag, ResponseCode.TOOBIG, "Literal too large"));
            default -> send(Status.bad(tag, ResponseCode.TOOBIG, "Literal too large; its octets were discarded"));
        }
    }

    /** Carries out how a command ended; on the event loop. */
    private void apply(Outcome outcome) {
        if (outcome instanceof Outcome.Done done) {
            after(done.delay(), () -> {
                send(done.tagged());
                afterCommand();
            });
        } else if (outcome instanceof Outcome.StartTls tls) {
            responder.flushPending();
            decoder.discardBuffered();
            context.tlsStarted();
            startTls(sslContext, null, tls.tagged().tag() + " OK " + tls.tagged().text() + "\r\n");
        } else if (outcome instanceof Outcome.Logout logout) {
            responder.send(logout.tagged());
            responder.flushAndClose();
        } else if (outcome instanceof Outcome.Bye bye) {
            bye(bye.text());
        } else if (outcome instanceof Outcome.Continue next) {
            mode = Mode.CONTINUATION;
            pendingTag = next.tag();
            continuation = next.next();
            send(new ImapResponse.Continuation(next.prompt()));
        } else if (outcome instanceof Outcome.Idle idle) {
            mode = Mode.IDLE;
            pendingTag = idle.tag();
            afterCommand();
            send(new ImapResponse.Continuation("idling"));
            long every = services.idlePollInterval().toMillis();
            idlePoll = ctx.executor().scheduleAtFixedRate(this::idleUpdate, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Keeps the event registration in step with the selected mailbox. */
    private void afterCommand() {
        if (loginTimer != null && context.state() != ImapState.NOT_AUTHENTICATED) {
            cancel(loginTimer);
            loginTimer = null;
        }
        long selected = context.selected() == null ? -1 : context.selected().mailbox().id();
        if (selected != listeningTo) {
            stopListening();
            if (selected >= 0) {
                services.hub().register(selected, this);
                listeningTo = selected;
            }
        }
    }

    private void stopListening() {
        if (listeningTo >= 0) {
            services.hub().unregister(listeningTo, this);
            listeningTo = -1;
        }
    }

    /** From the event consumer's thread: look at the store soon. */
    @Override
    public void mailboxChanged(MailboxEvent event) {
        ctx.executor().execute(this::idleUpdate);
    }

    /** While idling, report what changed; otherwise the next command reports it anyway. */
    private void idleUpdate() {
        if (mode != Mode.IDLE || !ctx.channel().isActive()) {
            return;
        }
        if (updating) {
            updatePending = true;
            return;
        }
        updating = true;
        updatePending = false;
        offload(() -> {
            Outcome.Bye bye = services.dispatcher().update(context, responder);
            responder.flush();
            return bye;
        }, bye -> {
            updating = false;
            if (bye != null) {
                apply(bye);
            } else if (updatePending) {
                idleUpdate();
            }
        });
    }

    private void send(ImapResponse response) {
        responder.send(response);
        responder.flush();
    }

    private void bye(String text) {
        context.logout();
        responder.send(ImapResponse.Status.bye(text));
        responder.flushAndClose();
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
