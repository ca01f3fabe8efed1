package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.server.net.CrlfLineDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O of one client connection: writes command lines and message text, hands each reply to the
 * command that waits for it (in order, so pipelined commands get theirs), and gives every wait a
 * deadline. The first failure (timeout, protocol error, lost connection, TLS error) closes the
 * connection and fails everything still waiting with it. All state lives on the channel's event
 * loop; the methods may be called from any thread.
 */
final class SmtpChannel {
    private static final Logger log = LoggerFactory.getLogger(SmtpChannel.class);
    private static final String LINES = "lines";
    private static final String REPLIES = "replies";
    private static final String TLS = "tls";

    private final Channel channel;
    private final RemoteHost host;
    private final int maxReplyLines;
    private final ArrayDeque<Expectation> pending = new ArrayDeque<>();
    private final ArrayDeque<SmtpReply> unclaimed = new ArrayDeque<>();
    private ScheduledFuture<?> replyTimer;
    private boolean claimed;
    private volatile SmtpFailure failure;
    private volatile boolean closing;
    private volatile List<X509Certificate> peerChain = List.of();

    /** One command's wait for its reply. */
    private record Expectation(CompletableFuture<SmtpReply> reply, Duration timeout, String awaited) {
    }

    /**
     * A command line to write.
     *
     * @param line the command without CRLF
     * @param timeout how long its reply may take
     * @param name what it is, for messages (never a credential)
     */
    record Command(String line, Duration timeout, String name) {
        Command {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a command line cannot hold CR or LF");
            }
        }
    }

    /** Sets up the pipeline of a new channel: line framing, reply parsing, this connection's handler. */
    SmtpChannel(Channel channel, RemoteHost host, int maxReplyLineLength, int maxReplyLines) {
        this.channel = channel;
        this.host = host;
        this.maxReplyLines = maxReplyLines;
        channel.pipeline().addLast(LINES, new CrlfLineDecoder(maxReplyLineLength))
                .addLast(REPLIES, new ReplyDecoder(maxReplyLines))
                .addLast("session", new Handler());
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    RemoteHost host() {
        return host;
    }

    /** Open, not closing, and never failed: a further command may be sent. */
    boolean isUsable() {
        return failure == null && !closing && channel.isActive();
    }

    /** What broke the connection, or null. */
    SmtpFailure failure() {
        return failure;
    }

    /** Waits for the next reply without sending anything (the greeting). */
    CompletableFuture<SmtpReply> reply(Duration timeout, String awaited) {
        CompletableFuture<SmtpReply> reply = new CompletableFuture<>();
        inLoop(() -> expect(new Expectation(reply, timeout, awaited)));
        return reply;
    }

    CompletableFuture<SmtpReply> command(Command command) {
        return commands(List.of(command)).get(0);
    }

    /**
     * Writes the command lines in one go (a PIPELINING group, RFC 2920 §3.1, or a single command) and
     * returns one future per line's reply, in order.
     */
    List<CompletableFuture<SmtpReply>> commands(List<Command> commands) {
        List<CompletableFuture<SmtpReply>> replies = new ArrayList<>(commands.size());
        StringBuilder text = new StringBuilder(64 * commands.size());
        for (Command command : commands) {
            replies.add(new CompletableFuture<>());
            text.append(command.line()).append("\r\n");
        }
        inLoop(() -> {
            for (int i = 0; i < commands.size(); i++) {
                expect(new Expectation(replies.get(i), commands.get(i).timeout(), "reply to " + commands.get(i).name()));
            }
            if (failure == null) {
                channel.writeAndFlush(channel.alloc().buffer(text.length()).writeBytes(text.toString()
                        .getBytes(StandardCharsets.UTF_8)));
            }
        });
        return replies;
    }

    /**
     * Writes message text and completes once the network has taken it; if that takes longer than
     * {@code timeout} (RFC 5321 §4.5.3.2.5, data block) the connection fails. Takes ownership of data.
     */
    CompletableFuture<Void> write(ByteBuf data, Duration timeout) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        inLoop(() -> {
            if (failure != null) {
                data.release();
                written.completeExceptionally(new SmtpFailureException(failure));
                return;
            }
            ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> fail(SmtpFailure.temporary(FailureKind.TIMEOUT,
                    "4.4.2", host + " took no message text for " + timeout)), timeout.toNanos(), TimeUnit.NANOSECONDS);
            channel.writeAndFlush(data).addListener((ChannelFuture done) -> {
                timer.cancel(false);
                if (done.isSuccess()) {
                    written.complete(null);
                } else {
                    failWith(done.cause());
                    written.completeExceptionally(new SmtpFailureException(failure));
                }
            });
        });
        return written;
    }

    /**
     * Writes message text that the server answers (the end of DATA, a BDAT chunk): the wait for the
     * reply is registered in the same step as the write, so that no reply can come before it.
     */
    CompletableFuture<SmtpReply> writeAndAwait(ByteBuf data, Duration writeTimeout, Duration replyTimeout, String awaited) {
        CompletableFuture<SmtpReply> reply = new CompletableFuture<>();
        inLoop(() -> {
            expect(new Expectation(reply, replyTimeout, awaited));
            write(data, writeTimeout);
        });
        return reply;
    }

    /**
     * Switches to TLS after a 220 reply to STARTTLS (RFC 3207 §4.2). Whatever the server sent in
     * plaintext after that reply is dropped unread: it could be an attacker's.
     */
    CompletableFuture<TlsSession> startTls(SslContext context, boolean verified, Duration handshakeTimeout) {
        CompletableFuture<TlsSession> session = new CompletableFuture<>();
        inLoop(() -> {
            if (failure != null) {
                session.completeExceptionally(new SmtpFailureException(failure));
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            pipeline.get(CrlfLineDecoder.class).discardBuffered();
            pipeline.replace(REPLIES, REPLIES, new ReplyDecoder(maxReplyLines));
            unclaimed.clear();
            SslHandler tls = context.newHandler(channel.alloc(), host.name(), host.address().getPort());
            tls.setHandshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            pipeline.addFirst(TLS, tls);
            tls.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    SSLSession established = tls.engine().getSession();
                    peerChain = peerChain(established);
                    session.complete(new TlsSession(established.getProtocol(), established.getCipherSuite(), verified));
                } else {
                    if (failure == null) { // whatever broke the handshake, it is a TLS failure
                        fail(SmtpFailure.temporary(FailureKind.TLS_FAILED, "4.7.5",
                                "TLS with " + host + " failed: " + done.cause().getMessage()));
                    }
                    session.completeExceptionally(new SmtpFailureException(failure));
                }
            });
        });
        return session;
    }

    /** The certificate chain the server sent in the TLS handshake, leaf first; empty before TLS. */
    List<X509Certificate> peerCertificates() {
        return peerChain;
    }

    private static List<X509Certificate> peerChain(SSLSession session) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // an anonymous cipher suite: no certificate at all
        }
    }

    /**
     * Fails the connection: everything waiting gets this failure (unless an earlier one), the
     * connection is closed.
     */
    void fail(SmtpFailure cause) {
        inLoop(() -> {
            if (failure == null) {
                failure = cause;
                log.debug("connection to {} failed: {}", host, cause);
            }
            failPending();
            channel.close();
        });
    }

    /** Closes the connection; nothing waiting is failed by a close we asked for. */
    CompletableFuture<Void> close() {
        closing = true;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.close().addListener(done -> closed.complete(null));
        return closed;
    }

    /**
     * Ends the session: QUIT (RFC 5321 §4.1.1.10) if the connection is still usable, waiting at most
     * {@code timeout} for the reply, then closes it. Never fails.
     */
    CompletableFuture<Void> quit(Duration timeout) {
        if (!isUsable()) {
            return close();
        }
        return command(new Command("QUIT", timeout, "QUIT")).handle((reply, thrown) -> null)
                .thenCompose(replied -> close());
    }

    private void expect(Expectation expectation) {
        if (failure != null) {
            expectation.reply().completeExceptionally(new SmtpFailureException(failure));
            return;
        }
        if (pending.isEmpty() && !unclaimed.isEmpty()) {
            claimed = true;
            expectation.reply().complete(unclaimed.poll());
            return;
        }
        pending.add(expectation);
        startReplyTimer();
    }

    private void onReply(SmtpReply reply) {
        Expectation head = pending.poll();
        if (head == null) {
            unsolicited(reply);
            return;
        }
        claimed = true;
        stopReplyTimer();
        startReplyTimer(); // for the next pipelined command, before anything the completion triggers
        head.reply().complete(reply);
    }

    /**
     * A reply nobody waits for: the greeting may come before it is waited for; after that only a 421
     * (the server is shutting down, RFC 5321 §3.8) may come unasked. Anything else would be taken
     * for the reply to the next command: the session is out of step.
     */
    private void unsolicited(SmtpReply reply) {
        if (!claimed && unclaimed.isEmpty()) {
            unclaimed.add(reply);
        } else if (reply.code() == 421) {
            fail(SmtpFailure.byReply(FailureKind.CONNECTION_LOST, false, reply, host + " is closing the connection"));
        } else {
            fail(SmtpFailure.temporary(FailureKind.PROTOCOL_ERROR, "4.5.0",
                    host + " sent a reply to no command: " + reply));
        }
    }

    /** The deadline runs for the first waiting command only; the next one's starts when its turn comes. */
    private void startReplyTimer() {
        Expectation head = pending.peek();
        if (head == null || replyTimer != null) {
            return;
        }
        replyTimer = channel.eventLoop().schedule(() -> {
            replyTimer = null;
            if (pending.peek() == head) {
                fail(SmtpFailure.temporary(FailureKind.TIMEOUT, "4.4.2",
                        "no " + head.awaited() + " from " + host + " within " + head.timeout()));
            }
        }, head.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void stopReplyTimer() {
        if (replyTimer != null) {
            replyTimer.cancel(false);
            replyTimer = null;
        }
    }

    private void failPending() {
        stopReplyTimer();
        SmtpFailureException failed = new SmtpFailureException(failure);
        Expectation waiting;
        while ((waiting = pending.poll()) != null) {
            waiting.reply().completeExceptionally(failed);
        }
    }

    /** Maps what Netty reports to a failure, once. */
    private void failWith(Throwable cause) {
        if (failure != null) {
            return;
        }
        fail(classify(cause));
    }

    private SmtpFailure classify(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ReplySyntaxException) {
            return SmtpFailure.temporary(FailureKind.PROTOCOL_ERROR, "4.5.0", host + " sent no valid reply: " + root.getMessage());
        }
        if (root instanceof SSLException || root instanceof NotSslRecordException) {
            return SmtpFailure.temporary(FailureKind.TLS_FAILED, "4.7.5", "TLS with " + host + " failed: " + root.getMessage());
        }
        if (root instanceof IOException || closing) {
            return SmtpFailure.temporary(FailureKind.CONNECTION_LOST, "4.4.2",
                    "connection to " + host + " lost: " + root.getMessage());
        }
        log.warn("unexpected error on the connection to {}", host, root);
        return SmtpFailure.temporary(FailureKind.INTERNAL, "4.3.0", "internal error talking to " + host + ": " + root);
    }

    private void inLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof SmtpReply reply) {
                log.trace("{} replied {}", host, reply);
                onReply(reply);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failWith(cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (failure == null) {
                failure = SmtpFailure.temporary(FailureKind.CONNECTION_LOST, "4.4.2",
                        closing ? "connection to " + host + " closed" : "connection closed by " + host);
            }
            failPending();
        }
    }
}
