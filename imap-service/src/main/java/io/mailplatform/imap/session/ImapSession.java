package io.mailplatform.imap.session;

import io.mailplatform.server.metrics.ProtocolMetrics;
import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.codec.ContinuationRequest;
import io.mailplatform.imap.codec.FrameRejected;
import io.mailplatform.imap.codec.ImapFrameDecoder;
import io.mailplatform.imap.codec.LiteralPending;
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
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One IMAP connection: takes frames from {@link ImapFrameDecoder} in order, parses commands, runs
 * them through the {@link CommandDispatcher} off the event loop, and carries out how each ends
 * (tagged response, STARTTLS, continuation, IDLE, BYE). Command continuation requests and the
 * answers to refused input are sent from here: the decoder never writes to the client.
 *
 * <p>Nothing waits for a client that does not read: a command whose output the client has not
 * taken pauses ({@link Outcome.Paused}) and goes on, on a worker, when the channel is writable
 * again; later commands wait meanwhile, and the write deadline of the pipeline closes a connection
 * whose client never reads again. While a worker runs the session's work only it writes; the event
 * loop writes when none does, so neither waits for the other.
 *
 * <p>Before authentication literals are held small ({@code maxLiteralSizeUnauthenticated}): a
 * larger synchronizing literal gets {@code BAD [TOOBIG]} instead of a continuation request, and a
 * larger non-synchronizing one, which the client is already sending, ends the connection with
 * {@code BYE [TOOBIG]} (RFC 7888 §4 allows either; reading megabytes an unauthenticated client was
 * not invited to send is not worth it).
 */
public final class ImapSession extends OrderedSessionHandler implements MailboxEventHub.Listener {

    /** What the session's collaborators are; one per server. */
    public record Services(ImapCommandParser parser, CommandDispatcher dispatcher, Capabilities capabilities,
            ResponseEncoders encoders, MailboxEventHub hub, String hostname, Duration loginTimeout,
            Duration idlePollInterval, long maxLiteralSizeUnauthenticated) {
    }

    /** Pipelined commands one worker task runs at most before the event loop takes its turn. */
    private static final int MAX_PIPELINED = 16;
    /** zlib's default: most of the gain of level 9 for a fraction of its CPU. */
    private static final int COMPRESSION_LEVEL = 6;

    private enum Mode {
        COMMANDS, CONTINUATION, IDLE
    }

    private final Services services;
    private final SslContext sslContext;
    private final ImapFrameDecoder decoder;
    private final boolean implicitTls;
    private final ProtocolMetrics metrics;
    private SessionContext context;
    private ChannelResponder responder;

    private Mode mode = Mode.COMMANDS;
    private String pendingTag;
    private ContinuationHandler continuation;
    private ScheduledFuture<?> idlePoll;
    private ScheduledFuture<?> loginTimer;
    private boolean updatePending;
    private boolean updating;
    private volatile long listeningTo = -1;
    /** The NOTIFY queue whose account-wide listener is registered, and that listener. */
    private io.mailplatform.imap.notify.NotifyQueue notifyQueue;
    private MailboxEventHub.Listener notifyListener;
    private Outcome.Paused paused;
    /** An update while idling that waits for the client to read (NOTIFY's FETCH responses). */
    private Outcome.Paused idlePaused;
    private String byeAfterWork;

    public ImapSession(Services services, SslContext sslContext, ImapFrameDecoder decoder, boolean implicitTls,
            Executor workers, ProtocolMetrics metrics) {
        super(workers);
        this.metrics = metrics;
        this.services = services;
        this.sslContext = sslContext;
        this.decoder = decoder;
        this.implicitTls = implicitTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = new SessionContext(clientAddress(), implicitTls);
        responder = new ChannelResponder(ctx.channel(), services.encoders(), context, metrics);
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
        paused = null;
        idlePaused = null;
        if (responder != null && !offloaded()) {
            // otherwise the worker still writes: it releases what is left when it is done (apply)
            responder.release();
        }
        super.channelInactive(ctx);
    }

    /** A paused command goes on once the client has read enough. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        resumeIfWritable();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // a command running or waiting for the client to read is not inactivity; a client that
            // stopped reading is closed by the write deadline
            if (!busy()) {
                bye("Autologout; idle for too long");
            }
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
        } else if (frame instanceof LiteralPending pending) {
            literalPending(pending);
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
        if (mode == Mode.COMMANDS && refusedAsUnknown(request.firstLine())) {
            decoder.abandonCommand();
            return;
        }
        askForLiteral();
    }

    private void askForLiteral() {
        responder.send(new ImapResponse.Continuation("Ready for literal data"));
        responder.flushBeforeLiteral();
    }

    /** An unknown command is the first thing wrong with it (RFC 9051 §7.6): BAD before any literal is read. */
    private boolean refusedAsUnknown(byte[] firstLine) {
        try {
            services.parser().commandName(firstLine);
            return false;
        } catch (CommandParseException e) {
            send(Status.bad(e.tag(), e.code(), e.getMessage()));
            return true;
        }
    }

    /**
     * A literal above what the decoder takes without asking: judged here, in command order, by the
     * state the command runs in (a LOGIN pipelined before it may have succeeded meanwhile).
     */
    private void literalPending(LiteralPending pending) {
        if (mode == Mode.COMMANDS && refusedAsUnknown(pending.firstLine())) {
            decoder.refuseLiteral();
            return;
        }
        if (context.state() == ImapState.NOT_AUTHENTICATED) {
            String limit = "at most " + services.maxLiteralSizeUnauthenticated() + " octets before authentication";
            if (pending.synchronizing()) {
                decoder.refuseLiteral();
                send(Status.bad(pending.tag(), ResponseCode.TOOBIG, "Literal too large (" + limit + ")"));
            } else {
                // RFC 7888 §4: rather than read what it was not asked to send, end the connection
                byeTooBig("Non-synchronizing literal too large (" + limit + ")");
            }
            return;
        }
        if (pending.synchronizing()) {
            askForLiteral();
        }
        decoder.acceptLiteral();
    }

    private void command(CommandFrame frame) {
        ImapCommand command;
        try {
            command = services.parser().parse(frame);
        } catch (CommandParseException e) {
            send(Status.bad(e.tag(), e.code(), e.getMessage()));
            return;
        }
        metrics.command(verb(command));
        List<Pipelined> next = pipelined();
        if (next.isEmpty()) {
            offload(() -> services.dispatcher().dispatch(command, context, responder), this::apply);
            return;
        }
        offload(() -> runInOrder(command, next), ran -> {
            putBack(ran.notRun());
            apply(ran.last());
        });
    }

    /** A pipelined command, parsed, with the frame it came in (put back if it is not run with the one before). */
    private record Pipelined(CommandFrame frame, ImapCommand command) {
    }

    /** How {@link #runInOrder} ended: the outcome for the event loop, and the frames of commands it did not run. */
    private record Ran(Outcome last, List<Object> notRun) {
    }

    /** Commands the client pipelined behind the current one, already decoded and parsing without error. */
    private List<Pipelined> pipelined() {
        if (mode != Mode.COMMANDS || context.state() == ImapState.NOT_AUTHENTICATED) {
            return List.of();
        }
        List<Pipelined> next = new ArrayList<>();
        List<Object> frames = takePending(frame -> frame instanceof CommandFrame, MAX_PIPELINED);
        for (int i = 0; i < frames.size(); i++) {
            CommandFrame frame = (CommandFrame) frames.get(i);
            try {
                next.add(new Pipelined(frame, services.parser().parse(frame)));
            } catch (CommandParseException e) {
                // answered in its turn, on the event loop
                putBack(frames.subList(i, frames.size()));
                break;
            }
        }
        return next;
    }

    /**
     * On the worker: runs the command, then the pipelined ones, each after the one before has
     * ended with its tagged response written, stopping at the first that ends otherwise (it may
     * change how later input is read: TLS, IDLE, a continuation, a delayed answer, LOGOUT) or when
     * the connection is gone or not writable. The event loop carries out how the last one ended
     * and gets back the commands not run, in order, so nothing runs twice or out of turn.
     */
    private Ran runInOrder(ImapCommand first, List<Pipelined> next) {
        Outcome outcome = services.dispatcher().dispatch(first, context, responder);
        int ran = 0;
        while (ran < next.size() && outcome instanceof Outcome.Done done && done.delay().isZero()
                && ctx.channel().isActive() && ctx.channel().isWritable()) {
            // each answer leaves at once, as it would from the event loop: the client may be waiting for it
            responder.send(done.tagged());
            responder.flush();
            ImapCommand command = next.get(ran).command();
            metrics.command(verb(command));
            outcome = services.dispatcher().dispatch(command, context, responder);
            ran++;
        }
        List<Object> notRun = new ArrayList<>();
        next.subList(ran, next.size()).forEach(one -> notRun.add(one.frame()));
        return new Ran(outcome, notRun);
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
        offload(() -> afterIdle(services.dispatcher().update(context, responder), tag), this::apply);
    }

    /** The tagged OK that ends IDLE, once the last changes are reported (after their pauses; not after a BYE). */
    private static Outcome afterIdle(Outcome update, String tag) {
        if (update instanceof Outcome.Paused paused) {
            return new Outcome.Paused(out -> afterIdle(paused.rest().run(out), tag));
        }
        return update instanceof Outcome.Bye ? update : new Outcome.Done(Status.ok(tag, "IDLE terminated"));
    }

    private void rejected(FrameRejected rejected) {
        String tag = rejected.tag();
        if (rejected.firstLine() != null && refusedAsUnknown(rejected.firstLine())) {
            return;
        }
        if (rejected.reason() == FrameRejected.Reason.NON_SYNC_LITERAL_TOO_LARGE
                && context.state() == ImapState.NOT_AUTHENTICATED) {
            byeTooBig("Non-synchronizing literal too large");
            return;
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
        if (ending()) {
            return;
        }
        if (outcome instanceof Outcome.Paused pause) {
            suspend();
            paused = pause;
            resumeIfWritable();
        } else if (outcome instanceof Outcome.Done done) {
            after(done.delay(), () -> {
                send(done.tagged());
                afterCommand();
            });
        } else if (outcome instanceof Outcome.StartTls tls) {
            responder.flushPending();
            decoder.discardBuffered();
            context.tlsStarted();
            startTls(sslContext, null, tls.tagged().tag() + " OK " + tls.tagged().text() + "\r\n");
            metrics.reply(ImapResponse.Condition.OK.name());
        } else if (outcome instanceof Outcome.Compress compress) {
            startCompression(compress.tagged());
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

    /**
     * RFC 4978 §3: the tagged OK leaves uncompressed; every octet after it, both ways, is raw DEFLATE
     * (RFC 1951, no zlib header). Both codecs go between TLS and the frame decoder, in this event-loop
     * task, so no read is handled before the inflater is there; what the client sent behind COMPRESS
     * before the OK was already compressed and is dropped, as it cannot be plaintext.
     */
    private void startCompression(ImapResponse.Status tagged) {
        responder.flushPending();
        decoder.discardBuffered();
        write(tagged.tag() + " OK " + tagged.text() + "\r\n");
        ctx.pipeline().addBefore("frames", "deflate", new JdkZlibEncoder(ZlibWrapper.NONE, COMPRESSION_LEVEL));
        ctx.pipeline().addBefore("frames", "inflate", new JdkZlibDecoder(ZlibWrapper.NONE, 0));
        metrics.reply(ImapResponse.Condition.OK.name());
        afterCommand();
    }

    /**
     * After a worker's work, on the event loop: whether the session ends instead of going on (the
     * connection is gone, or a BYE waited for the worker).
     */
    private boolean ending() {
        if (!ctx.channel().isActive()) {
            responder.release();
            return true;
        }
        if (byeAfterWork != null) {
            bye(byeAfterWork);
            return true;
        }
        return false;
    }

    /** Runs the rest of a paused command once the channel is writable; on the event loop. */
    private void resumeIfWritable() {
        if (paused != null && ctx.channel().isWritable()) {
            Outcome.Paused pause = paused;
            paused = null;
            offload(() -> pause.rest().run(responder), this::apply);
        } else if (idlePaused != null && ctx.channel().isWritable()) {
            Outcome.Paused pause = idlePaused;
            idlePaused = null;
            offload(() -> {
                Outcome update = pause.rest().run(responder);
                responder.flush();
                return update;
            }, this::idleUpdated);
        }
    }

    /** Keeps the event registration in step with the selected mailbox, and the literal bound with the state. */
    private void afterCommand() {
        if (loginTimer != null && context.state() != ImapState.NOT_AUTHENTICATED) {
            cancel(loginTimer);
            loginTimer = null;
            decoder.holdLiteralsLargerThan(Long.MAX_VALUE);
        }
        long selected = context.selected() == null ? -1 : context.selected().mailbox().id();
        if (selected != listeningTo) {
            if (listeningTo >= 0) {
                services.hub().unregister(listeningTo, this);
                listeningTo = -1;
            }
            if (selected >= 0) {
                services.hub().register(selected, this);
                listeningTo = selected;
            }
        }
        followNotify();
    }

    private void stopListening() {
        if (listeningTo >= 0) {
            services.hub().unregister(listeningTo, this);
            listeningTo = -1;
        }
        stopNotifyListening();
    }

    /** NOTIFY (RFC 5465): hear of every mailbox of the account while the session has a NOTIFY queue. */
    private void followNotify() {
        io.mailplatform.imap.notify.NotifyQueue queue = context.notifyQueue();
        if (queue == notifyQueue) {
            return;
        }
        stopNotifyListening();
        if (queue != null) {
            notifyQueue = queue;
            notifyListener = event -> {
                if (queue.offer(event, listeningTo)) {
                    ctx.executor().execute(this::idleUpdate);
                }
            };
            services.hub().registerAccount(context.account().id(), notifyListener);
        }
    }

    private void stopNotifyListening() {
        if (notifyQueue != null) {
            services.hub().unregisterAccount(context.account().id(), notifyListener);
            notifyQueue = null;
            notifyListener = null;
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
            Outcome update = services.dispatcher().update(context, responder);
            responder.flush();
            return update;
        }, this::idleUpdated);
    }

    /**
     * How an update while idling ended: done, a BYE, or a pause (NOTIFY's FETCH responses waiting for the
     * client to read: later input waits too, and the rest runs once the channel is writable).
     */
    private void idleUpdated(Outcome update) {
        if (ending()) {
            updating = false;
            return;
        }
        if (update instanceof Outcome.Paused pause) {
            suspend();
            idlePaused = pause;
            resumeIfWritable();
            return;
        }
        updating = false;
        if (update instanceof Outcome.Bye bye) {
            apply(bye);
        } else if (updatePending) {
            idleUpdate();
        }
    }

    private void send(ImapResponse response) {
        responder.send(response);
        responder.flush();
    }

    /** Says BYE and closes; while a worker writes, once its work is done (the worker owns the output). */
    private void bye(String text) {
        if (offloaded()) {
            byeAfterWork = text;
            return;
        }
        paused = null;
        idlePaused = null;
        context.logout();
        if (!ctx.channel().isActive()) {
            responder.release();
            return;
        }
        responder.sendAndClose(ImapResponse.Status.bye(text));
    }

    private void byeTooBig(String text) {
        context.logout();
        responder.sendAndClose(new Status(null, ImapResponse.Condition.BYE, ResponseCode.TOOBIG, text));
    }

    /** The command's name for the meters: its record's name, which is the IMAP command (LIST aside). */
    private static String verb(ImapCommand command) {
        String name = command.getClass().getSimpleName();
        return name.equals("ListMailboxes") ? "LIST" : name.toUpperCase(Locale.ROOT);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
