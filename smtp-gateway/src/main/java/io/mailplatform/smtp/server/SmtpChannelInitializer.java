package io.mailplatform.smtp.server;

import io.mailplatform.server.net.ListenerSpec;
import io.mailplatform.server.net.ProtocolServer;
import io.mailplatform.smtp.codec.ReplyEncoder;
import io.mailplatform.smtp.codec.SmtpFrameDecoder;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.intake.MessageMeters;
import io.mailplatform.smtp.session.CommandDispatcher;
import io.mailplatform.smtp.session.SmtpSession;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Completes the pipeline of an accepted SMTP connection. After what {@link ProtocolServer} put in
 * (implicit TLS, the connection limiter), in order: flush consolidation (replies to a pipelined
 * batch leave in one write, RFC 2920 §3.2), the session timeout, the frame decoder, the reply
 * encoder and the session. (On listeners with the PROXY protocol, {@link ProtocolServer} has put its
 * one-shot handler first of all.)
 */
public final class SmtpChannelInitializer implements ProtocolServer.SessionSetup {
    private final SmtpProperties properties;
    private final CommandDispatcher dispatcher;
    private final SessionRegistry registry;
    private final ProtocolServer server;
    private final MessageMeters messages;

    public SmtpChannelInitializer(SmtpProperties properties, CommandDispatcher dispatcher, SessionRegistry registry,
            ProtocolServer server) {
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.server = server;
        this.messages = new MessageMeters(server.metrics().registry());
    }

    @Override
    public void setUp(SocketChannel channel, ListenerSpec spec) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("flush", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
        pipeline.addLast("timeout", new SessionTimeout(properties.limits().commandTimeout()));
        pipeline.addLast("frames", new SmtpFrameDecoder());
        pipeline.addLast("replies", ReplyEncoder.INSTANCE);
        pipeline.addLast("session", new SmtpSession(properties, SmtpListener.named(spec.name()), server.sslContext(),
                dispatcher, registry, server.workers(), server.metrics(), messages));
    }
}
