package io.mailplatform.pop3.session;

import io.mailplatform.server.metrics.ProtocolMetrics;
import io.mailplatform.server.net.CrlfLineDecoder;
import io.mailplatform.server.net.OrderedSessionHandler;
import io.mailplatform.pop3.codec.MessageBodyInput;
import io.mailplatform.pop3.codec.Pop3ResponseEncoder;
import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.parse.Pop3CommandParser;
import io.mailplatform.pop3.process.CommandDispatcher;
import io.mailplatform.pop3.response.MultiLineResponse;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Pop3Response;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 session (RFC 1939): the state, the open maildrop, and the one place where commands are
 * parsed, checked against the state table, dispatched, and where {@link Pop3Exception}s become
 * {@code -ERR} answers. Every bad command gets {@code -ERR} and the session goes on; only QUIT,
 * the idle timeout and I/O errors end it.
 */
public final class Pop3Session extends OrderedSessionHandler implements Pop3Context {
    private static final Logger log = LoggerFactory.getLogger(Pop3Session.class);
    private static final Pop3CommandParser PARSER = new Pop3CommandParser();

    private final SessionSettings settings;
    private final SslContext sslContext;
    private final Executor workers;

    private Pop3State state = Pop3State.AUTHORIZATION;
    private String timestamp;
    private String pendingUser;
    private ContinuationHandler continuation;
    private Maildrop maildrop;

    /**
     * What every session of one server shares.
     *
     * @param hostname for APOP timestamps
     * @param allowPlaintextAuth whether USER/PASS and AUTH work without TLS
     * @param maxLineLength the decoder's line limit, for the reply to an overlong line
     * @param metrics where commands and replies are counted
     */
    public record SessionSettings(CommandDispatcher dispatcher, Supplier<String> timestamps, boolean allowPlaintextAuth,
            int maxLineLength, ProtocolMetrics metrics) {
    }

    public Pop3Session(SessionSettings settings, SslContext sslContext, Executor workers) {
        super(workers);
        this.settings = settings;
        this.sslContext = sslContext;
        this.workers = workers;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timestamp = settings.timestamps().get();
        reply(Replies.greeting(timestamp));
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // RFC 1939 §3: an expired autologout timer closes the session without entering UPDATE
            close(Replies.AUTOLOGOUT);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (maildrop != null) {
            // a dropped connection removes nothing: only QUIT leads to the UPDATE state
            maildrop.close();
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void internalError(RuntimeException e) {
        continuation = null;
        reply(Replies.INTERNAL_ERROR);
    }

    @Override
    protected void handle(Object frame) {
        if (frame instanceof CrlfLineDecoder.LineTooLong) {
            continuation = null;
            reply(Replies.lineTooLong(settings.maxLineLength()));
            return;
        }
        String line = ((ByteBuf) frame).toString(StandardCharsets.UTF_8);
        try {
            if (continuation != null) {
                ContinuationHandler next = continuation;
                continuation = null;
                next.line(line);
                return;
            }
            Pop3Command command;
            try {
                command = PARSER.parse(line);
            } finally {
                // RFC 1939 §7: PASS is valid only immediately after a successful USER, so any other line forgets it
                if (!line.regionMatches(true, 0, "PASS ", 0, 5)) {
                    pendingUser = null;
                }
            }
            log.debug("{} {}", state, command);
            settings.metrics().command(command.keyword());
            Pop3StateTable.check(state, command);
            settings.dispatcher().dispatch(command, this);
        } catch (Pop3Exception e) {
            log.debug("{} -ERR {}", state, e.response().text());
            reply(e.response());
        }
    }

    // ---- Pop3Context ---------------------------------------------------------------------

    @Override
    public Pop3State state() {
        return state;
    }

    @Override
    public boolean tlsActive() {
        return isTls();
    }

    @Override
    public boolean tlsAvailable() {
        return sslContext != null;
    }

    @Override
    public boolean plaintextAuthAllowed() {
        return isTls() || settings.allowPlaintextAuth();
    }

    @Override
    public String apopTimestamp() {
        return timestamp;
    }

    @Override
    public InetAddress clientAddress() {
        return super.clientAddress();
    }

    @Override
    public Maildrop maildrop() {
        return maildrop;
    }

    @Override
    public String pendingUser() {
        return pendingUser;
    }

    @Override
    public void pendingUser(String name) {
        pendingUser = name;
    }

    @Override
    public void reply(Pop3Response response) {
        ctx.writeAndFlush(response);
        count(response);
    }

    /** Counts a reply by its status indicator; continuation requests ("+ ") are not replies. */
    private void count(Pop3Response response) {
        if (response instanceof StatusResponse status) {
            settings.metrics().reply(status.ok() ? "+OK" : "-ERR");
        } else if (response instanceof MultiLineResponse) {
            settings.metrics().reply("+OK");
        }
    }

    @Override
    public <T> void runBlocking(Supplier<T> work, Consumer<T> then) {
        offload(work, then);
    }

    @Override
    public <T> void runInBackground(Supplier<T> work, BiConsumer<T, RuntimeException> then) {
        inBackground(work, then);
    }

    @Override
    public void waitFor(CompletionStage<?> done, Runnable then) {
        holdUntil(done, then);
    }

    @Override
    public Executor workers() {
        return workers;
    }

    @Override
    public void answerAfter(Duration delay, Runnable then) {
        after(delay, then);
    }

    @Override
    public void startTls(StatusResponse reply) {
        pendingUser = null;
        continuation = null;
        startTls(sslContext, ctx.pipeline().get(CrlfLineDecoder.class), Pop3ResponseEncoder.render(reply));
    }

    @Override
    public void expectContinuation(ContinuationHandler handler) {
        continuation = handler;
    }

    @Override
    public boolean openTransaction(Maildrop opened) {
        if (!ctx.channel().isActive()) {
            opened.close();
            return false;
        }
        maildrop = opened;
        state = Pop3State.TRANSACTION;
        return true;
    }

    @Override
    public void enterUpdate() {
        state = Pop3State.UPDATE;
    }

    @Override
    public void stream(MessageBodyInput body) {
        suspend();
        ctx.writeAndFlush(body).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                // the client cannot tell a cut message from a whole one: end the session
                log.warn("message transfer failed: {}", written.cause().toString());
                ctx.close();
            }
            resume();
        });
    }

    @Override
    public Runnable resumeTransfer() {
        ChunkedWriteHandler writer = ctx.pipeline().get(ChunkedWriteHandler.class);
        // always a task, never a nested flush inside the handler's own readChunk call
        return () -> ctx.executor().execute(writer::resumeTransfer);
    }

    @Override
    public void close(Pop3Response last) {
        ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        count(last);
    }
}
