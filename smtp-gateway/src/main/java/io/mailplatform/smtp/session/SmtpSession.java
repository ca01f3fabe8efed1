package io.mailplatform.smtp.session;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.log.LogFields;
import io.mailplatform.core.sasl.SaslServerExchange;
import io.mailplatform.server.metrics.ProtocolMetrics;
import io.mailplatform.server.net.OrderedSessionHandler;
import io.mailplatform.server.net.SessionLogContext;
import io.mailplatform.smtp.codec.ReplyEncoder;
import io.mailplatform.smtp.codec.SmtpFrame;
import io.mailplatform.smtp.codec.SmtpFrameDecoder;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.intake.InboundMessage;
import io.mailplatform.smtp.intake.MessageMeters;
import io.mailplatform.smtp.parse.SmtpCommandParser;
import io.mailplatform.store.directory.SenderIdentities;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import io.mailplatform.smtp.reply.SmtpReply;
import io.mailplatform.smtp.server.SessionRegistry;
import io.mailplatform.smtp.server.SessionTimeout;
import io.mailplatform.smtp.server.SmtpListener;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session (RFC 5321): frames from {@link SmtpFrameDecoder} are handled in order on the
 * event loop; a command line is parsed, checked against {@link SmtpStateTable}, and handed to its
 * processor by {@link CommandDispatcher}. Every refusal is an {@link SmtpException} answered here,
 * in one place, where failed commands are also counted towards the error limit. Blocking work
 * (directory, passwords) and the wait for Kafka leave the event loop; meanwhile later frames wait
 * (PIPELINING, RFC 2920: replies in command order) and the socket is not read (back-pressure).
 */
public final class SmtpSession extends OrderedSessionHandler implements SessionRegistry.Drainable {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    private final SmtpProperties properties;
    private final SmtpListener listener;
    private final SslContext sslContext;
    private final CommandDispatcher dispatcher;
    private final SessionRegistry registry;
    private final ProtocolMetrics metrics;
    private final MessageMeters messages;

    private SmtpFrameDecoder decoder;
    private SessionTimeout timeout;
    private SmtpState state = SmtpState.CONNECTED;
    private String heloName;
    private boolean extended;
    private String authenticatedUser;
    private SenderIdentities senderIdentities;
    private MailTransaction transaction;
    private boolean receivingChunk;
    private SaslServerExchange sasl;
    private int errors;
    private boolean publishing;
    private boolean drainRequested;
    private boolean closing;

    public SmtpSession(SmtpProperties properties, SmtpListener listener, SslContext sslContext,
            CommandDispatcher dispatcher, SessionRegistry registry, Executor workers, ProtocolMetrics metrics,
            MessageMeters messages) {
        super(workers);
        this.metrics = metrics;
        this.messages = messages;
        this.properties = properties;
        this.listener = listener;
        this.sslContext = sslContext;
        this.dispatcher = dispatcher;
        this.registry = registry;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.decoder = ctx.pipeline().get(SmtpFrameDecoder.class);
        this.timeout = ctx.pipeline().get(SessionTimeout.class);
        if (registry.draining()) {
            replyAndClose(Replies.SHUTTING_DOWN);
            return;
        }
        registry.opened(this);
        reply(SmtpReply.of(220, null, properties.hostname() + " ESMTP"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        registry.closed(this);
        if (transaction != null) {
            transaction.releaseContent();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == SessionTimeout.EXPIRED) {
            log.debug("session with {} timed out in state {}", clientAddress(), state);
            replyAndClose(Replies.TIMEOUT.withText(properties.hostname() + " " + Replies.TIMEOUT.text()));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void handle(Object frame) {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        try {
            if (frame instanceof SmtpFrame.CommandLine) {
                commandLine((SmtpFrame.CommandLine) frame);
            } else if (frame instanceof SmtpFrame.MessageContent) {
                dispatcher.data().content(this, ((SmtpFrame.MessageContent) frame).content());
            } else if (frame instanceof SmtpFrame.EndOfData) {
                dispatcher.data().endOfData(this, (SmtpFrame.EndOfData) frame);
            } else if (frame == SmtpFrame.TextLineTooLong.INSTANCE) {
                dispatcher.data().textLineTooLong(this);
            } else if (frame == SmtpFrame.EndOfChunk.INSTANCE) {
                dispatcher.data().endOfChunk(this);
            } else if (frame == SmtpFrame.CommandTooLong.INSTANCE) {
                if (state == SmtpState.AUTH) {
                    sasl = null;
                    state = SmtpState.GREETED;
                }
                throw new SmtpException(Replies.LINE_TOO_LONG);
            }
        } catch (SmtpException e) {
            log.debug("{} in {}: {}", clientAddress(), state, e.reply()); // a refusal is the client's business, not an error here
            if (frame instanceof SmtpFrame.EndOfData || frame == SmtpFrame.EndOfChunk.INSTANCE
                    || frame == SmtpFrame.TextLineTooLong.INSTANCE) {
                messages.rejected(); // the message text was refused (too large, no room, bad 8-bit data...)
            }
            reply(e.reply());
        }
    }

    private void commandLine(SmtpFrame.CommandLine frame) {
        try {
            if (state == SmtpState.AUTH) {
                dispatcher.auth().response(this, frame.content().toString(StandardCharsets.US_ASCII).strip());
                return;
            }
            SmtpCommand command = SmtpCommandParser.parse(frame.content());
            metrics.command(command.verb());
            SmtpReply refusal = SmtpStateTable.refusal(state, command);
            if (refusal != null) {
                throw new SmtpException(refusal);
            }
            dispatcher.dispatch(this, command);
        } finally {
            if (state != SmtpState.DATA) {
                decoder.resumeCommands(); // a refused DATA or any STARTTLS outcome: lines follow
            }
        }
    }

    @Override
    protected void internalError(RuntimeException e) {
        ctx.channel().config().setAutoRead(true);
        reply(Replies.INTERNAL_ERROR);
    }

    // ---- replies -----------------------------------------------------------------------------

    /** Sends a reply; 5xx replies count towards {@code maxErrors}, after which the session ends with 421. */
    void reply(SmtpReply reply) {
        if (closing) {
            return;
        }
        if (reply.closesConnection()) {
            replyAndClose(reply);
            return;
        }
        ctx.writeAndFlush(reply);
        metrics.reply(replyClass(reply));
        if (reply.code() >= 500 && ++errors >= properties.limits().maxErrors()) {
            log.debug("session with {} closed after {} errors", clientAddress(), errors);
            replyAndClose(Replies.TOO_MANY_ERRORS);
        }
    }

    /** Sends a last reply (QUIT's 221, a 421) and closes; frames already received are not answered. */
    void replyAndClose(SmtpReply reply) {
        if (closing) {
            return;
        }
        closing = true; // nothing pipelined after this is answered
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        metrics.reply(replyClass(reply));
    }

    /** The reply's class for the meters: 2xx, 3xx, 4xx or 5xx (RFC 5321 §4.2.1). */
    private static String replyClass(SmtpReply reply) {
        return reply.code() / 100 + "xx";
    }

    // ---- state for the processors ----------------------------------------------------------

    SmtpProperties properties() {
        return properties;
    }

    SmtpListener listener() {
        return listener;
    }

    SmtpState state() {
        return state;
    }

    void state(SmtpState next) {
        state = next;
    }

    void greeted(String name, boolean ehlo) {
        heloName = name;
        extended = ehlo;
        resetTransaction();
    }

    String heloName() {
        return heloName;
    }

    boolean extended() {
        return extended;
    }

    String authenticatedUser() {
        return authenticatedUser;
    }

    void authenticated(String user, SenderIdentities senders) {
        authenticatedUser = user;
        senderIdentities = senders;
    }

    /** The addresses the authenticated user may send as; null: any. */
    SenderIdentities senderIdentities() {
        return senderIdentities;
    }

    SaslServerExchange sasl() {
        return sasl;
    }

    void sasl(SaslServerExchange exchange) {
        sasl = exchange;
    }

    MailTransaction transaction() {
        return transaction;
    }

    void beginTransaction(MailTransaction next) {
        transaction = next;
        state = SmtpState.MAIL;
    }

    /** Ends the transaction, if any, and returns to {@link SmtpState#GREETED} (or stays CONNECTED). */
    void resetTransaction() {
        if (transaction != null) {
            transaction.releaseContent();
            transaction = null;
        }
        receivingChunk = false;
        if (state != SmtpState.CONNECTED) {
            state = SmtpState.GREETED;
        }
        if (timeout != null) {
            timeout.timeout(properties.limits().commandTimeout());
        }
    }

    boolean receivingChunk() {
        return receivingChunk;
    }

    void receivingChunk(boolean receiving) {
        receivingChunk = receiving;
    }

    InetAddress client() {
        return clientAddress();
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    boolean tls() {
        return isTls();
    }

    Envelope.TlsInfo tlsInfo() {
        SslHandler handler = ctx.pipeline().get(SslHandler.class);
        if (handler == null) {
            return null;
        }
        SSLSession session = handler.engine().getSession();
        return new Envelope.TlsInfo(session.getProtocol(), session.getCipherSuite());
    }

    // ---- framing and I/O for the processors --------------------------------------------------

    /** After 354: the following bytes are message text, timed by the data timeout. */
    void startData() {
        state = SmtpState.DATA;
        timeout.timeout(properties.limits().dataTimeout());
        decoder.startData();
    }

    /**
     * Switches to TLS (RFC 3207 §4.2): plaintext the client pipelined after STARTTLS is discarded,
     * never executed, and the session forgets everything learnt before, EHLO included.
     */
    void startTls() {
        decoder.discardBuffered();
        startTls(sslContext, null, new String(ReplyEncoder.toBytes(Replies.READY_FOR_TLS), StandardCharsets.US_ASCII));
        heloName = null;
        authenticatedUser = null;
        senderIdentities = null;
        resetTransaction();
        state = SmtpState.CONNECTED;
    }

    /**
     * Runs blocking work on a worker thread and continues on the event loop; the socket is not read
     * meanwhile, so a client cannot pile up input while it waits.
     */
    <T> void work(Supplier<T> work, Consumer<T> then) {
        ctx.channel().config().setAutoRead(false);
        offload(work, result -> {
            ctx.channel().config().setAutoRead(true);
            then.accept(result);
        });
    }

    /** Answers after {@code delay} (throttled logins), holding later commands back. */
    void delayed(Duration delay, Runnable then) {
        if (delay.isZero() || delay.isNegative()) {
            then.run();
            return;
        }
        ctx.channel().config().setAutoRead(false);
        after(delay, () -> {
            ctx.channel().config().setAutoRead(true);
            then.run();
        });
    }

    /**
     * Publishes an accepted message and answers 250 only after the broker's acknowledgement, 451
     * otherwise. Its mail data stays reserved until then, and is released whatever happens to the
     * connection meanwhile (even if the reply can no longer be sent).
     */
    void publish(InboundMessage message) {
        suspend();
        publishing = true;
        ctx.channel().config().setAutoRead(false);
        String envelopeId = message.envelope().id();
        SessionLogContext.put(ctx.channel(), LogFields.ENVELOPE_ID, envelopeId);
        CompletableFuture<Void> acknowledged = dispatcher.publisher().publish(message)
                .whenComplete((ok, failure) -> message.data().release());
        acknowledged.whenComplete((ok, failure) -> ctx.executor().execute(SessionLogContext.wrap(ctx.channel(), () -> {
            publishing = false;
            ctx.channel().config().setAutoRead(true);
            if (failure != null) {
                log.warn("message {} not accepted: Kafka did not acknowledge: {}", envelopeId, failure.toString());
                messages.rejected();
                reply(Replies.NOT_STORED);
            } else {
                messages.accepted();
                log.info("message {} accepted from {} for {} recipient(s)", envelopeId, clientAddress(),
                        message.envelope().recipients().size());
                reply(Replies.QUEUED.withText("Ok: queued as " + envelopeId));
            }
            SessionLogContext.remove(ctx.channel(), LogFields.ENVELOPE_ID);
            if (drainRequested) {
                replyAndClose(Replies.SHUTTING_DOWN);
            }
            resume();
        })));
    }

    /** Graceful shutdown: 421 4.3.2 now, or right after the reply to a message being published. */
    @Override
    public void shutdownGracefully() {
        ctx.executor().execute(() -> {
            if (publishing) {
                drainRequested = true;
            } else if (ctx.channel().isActive()) {
                replyAndClose(Replies.SHUTTING_DOWN);
            }
        });
    }
}
