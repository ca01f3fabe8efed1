package io.mailplatform.smtp.session;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.net.CrlfLineDecoder;
import io.mailplatform.core.net.OrderedSessionHandler;
import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslBase64;
import io.mailplatform.core.sasl.SaslException;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.intake.InboundPublisher;
import io.mailplatform.smtp.intake.ReceivedHeader;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.directory.DirectoryService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session (RFC 5321): a state machine fed one line at a time on the event loop. Work that
 * blocks (directory look-ups, password checks) or waits (the Kafka acknowledgement) runs elsewhere
 * while the session is marked busy; lines that arrive meanwhile (PIPELINING) queue up and are
 * processed in order afterwards, so replies always come back in command order.
 */
public final class SmtpSession extends OrderedSessionHandler {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
    private static final int MAX_LINE = 1000;

    /** Which listener the session came in on. */
    public enum Listener {
        MX,
        SUBMISSION
    }

    private enum State {
        GREETED,
        READY,
        MAIL,
        DATA,
        AUTH_PLAIN,
        AUTH_LOGIN_USER,
        AUTH_LOGIN_PASSWORD
    }

    private final SmtpProperties properties;
    private final Listener listener;
    private final SslContext sslContext;
    private final DirectoryService directory;
    private final Authenticator authenticator;
    private final InboundPublisher publisher;

    private CrlfLineDecoder decoder;
    private State state = State.GREETED;
    private String helo;
    private String authenticatedUser;
    private String loginUser;
    private String reversePath;
    private BodyType bodyType;
    private boolean smtpUtf8;
    private final List<EnvelopeRecipient> recipients = new ArrayList<>();
    private ByteArrayOutputStream data;
    private boolean dataTooLarge;

    public SmtpSession(SmtpProperties properties, Listener listener, SslContext sslContext,
            DirectoryService directory, Authenticator authenticator, InboundPublisher publisher, Executor workers) {
        super(workers);
        this.properties = properties;
        this.listener = listener;
        this.sslContext = sslContext;
        this.directory = directory;
        this.authenticator = authenticator;
        this.publisher = publisher;
    }

    /** Adds the line decoder, the idle timer and the session to a channel pipeline. */
    public static void install(ChannelPipeline pipeline, SmtpSession session) {
        pipeline.addLast("idle", new IdleStateHandler(0, 0, session.properties.limits().commandTimeout().toSeconds(),
                TimeUnit.SECONDS));
        pipeline.addLast("lines", new CrlfLineDecoder(MAX_LINE));
        pipeline.addLast("session", session);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.decoder = (CrlfLineDecoder) ctx.pipeline().get("lines");
        reply("220 " + properties.hostname() + " ESMTP");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(ascii("421 4.4.2 " + properties.hostname() + " Timeout, closing connection\r\n"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void handle(Object frame) {
        if (frame instanceof CrlfLineDecoder.LineTooLong) {
            lineTooLong();
        } else if (state == State.DATA) {
            dataLine((ByteBuf) frame);
        } else {
            command(((ByteBuf) frame).toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    protected void internalError(RuntimeException e) {
        reply("451 4.3.0 Internal error, try again later");
    }

    private void lineTooLong() {
        if (state == State.DATA) {
            dataTooLarge = true; // finish reading the message, then refuse it
            return;
        }
        reply("500 5.5.6 Line too long");
    }

    // ---- commands --------------------------------------------------------------------------

    private void command(String line) {
        switch (state) {
            case AUTH_PLAIN -> {
                authPlain(line);
                return;
            }
            case AUTH_LOGIN_USER -> {
                authLoginUser(line);
                return;
            }
            case AUTH_LOGIN_PASSWORD -> {
                authLoginPassword(line);
                return;
            }
            default -> {
            }
        }
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).trim();
        switch (verb) {
            case "EHLO" -> hello(argument, true);
            case "HELO" -> hello(argument, false);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data();
            case "RSET" -> {
                resetTransaction();
                reply("250 2.0.0 Ok");
            }
            case "NOOP" -> reply("250 2.0.0 Ok");
            case "QUIT" -> ctx.writeAndFlush(ascii("221 2.0.0 " + properties.hostname() + " closing connection\r\n"))
                    .addListener(ChannelFutureListener.CLOSE);
            case "STARTTLS" -> startTls();
            case "AUTH" -> auth(argument);
            case "VRFY" -> reply("252 2.5.0 Cannot verify the user, but will accept the message and attempt delivery");
            default -> reply("500 5.5.1 Command not recognized");
        }
    }

    private void hello(String domain, boolean extended) {
        if (domain.isEmpty()) {
            reply("501 5.5.4 " + (extended ? "EHLO" : "HELO") + " requires a domain or address literal");
            return;
        }
        helo = domain;
        resetTransaction();
        state = State.READY;
        if (!extended) {
            reply("250 " + properties.hostname());
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(properties.hostname());
        lines.add("PIPELINING");
        lines.add("SIZE " + properties.limits().maxMessageSize().toBytes());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        if (!isTls()) {
            lines.add("STARTTLS");
        }
        if (authAllowed() && authenticatedUser == null) {
            lines.add("AUTH PLAIN LOGIN");
        }
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i)).append("\r\n");
        }
        write(reply.toString());
    }

    private boolean authAllowed() {
        return isTls() || properties.allowPlaintextAuth();
    }

    private void mail(String argument) {
        if (state == State.GREETED) {
            reply("503 5.5.1 Send EHLO or HELO first");
            return;
        }
        if (state != State.READY) {
            reply("503 5.5.1 Nested MAIL command");
            return;
        }
        if (listener == Listener.SUBMISSION && authenticatedUser == null) {
            reply("530 5.7.0 Authentication required");
            return;
        }
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            reply("501 5.5.2 Syntax: MAIL FROM:<address>");
            return;
        }
        PathAndParameters path = PathAndParameters.parse(argument.substring(5));
        if (path == null) {
            reply("501 5.1.7 Bad sender address syntax");
            return;
        }
        String address = path.path();
        if (!address.isEmpty()) {
            try {
                address = MailboxAddress.parse(address).toString();
            } catch (AddressException e) {
                reply("501 5.1.7 Bad sender address: " + e.getMessage());
                return;
            }
        }
        BodyType body = BodyType.SEVEN_BIT;
        boolean utf8 = false;
        for (String parameter : path.parameters()) {
            String upper = parameter.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=")) {
                long declared;
                try {
                    declared = Long.parseLong(parameter.substring(5));
                } catch (NumberFormatException e) {
                    reply("501 5.5.4 Bad SIZE parameter");
                    return;
                }
                if (declared > properties.limits().maxMessageSize().toBytes()) {
                    reply("552 5.3.4 Message size exceeds fixed maximum message size");
                    return;
                }
            } else if (upper.startsWith("BODY=")) {
                body = BodyType.fromKeyword(parameter.substring(5));
                if (body == null || body == BodyType.BINARY_MIME) {
                    reply("501 5.5.4 Unsupported BODY parameter");
                    return;
                }
            } else if (upper.equals("SMTPUTF8")) {
                utf8 = true;
            } else {
                reply("555 5.5.4 Unsupported parameter " + parameter);
                return;
            }
        }
        reversePath = address;
        bodyType = body;
        smtpUtf8 = utf8;
        state = State.MAIL;
        reply("250 2.1.0 Sender ok");
    }

    private void rcpt(String argument) {
        if (state != State.MAIL) {
            reply("503 5.5.1 Need MAIL before RCPT");
            return;
        }
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            reply("501 5.5.2 Syntax: RCPT TO:<address>");
            return;
        }
        PathAndParameters path = PathAndParameters.parse(argument.substring(3));
        if (path == null || path.path().isEmpty()) {
            reply("501 5.1.3 Bad recipient address syntax");
            return;
        }
        MailboxAddress address;
        try {
            address = MailboxAddress.parse(path.path());
        } catch (AddressException e) {
            reply("501 5.1.3 Bad recipient address: " + e.getMessage());
            return;
        }
        if (address.isInternational() && !smtpUtf8) {
            reply("553 5.6.7 Non-ASCII address requires SMTPUTF8");
            return;
        }
        if (recipients.size() >= properties.limits().maxRecipients()) {
            reply("452 4.5.3 Too many recipients");
            return;
        }
        boolean authenticated = authenticatedUser != null;
        offload(() -> {
            if (!directory.isLocalDomain(address.domain().name())) {
                return authenticated ? "250 2.1.5 Recipient ok" : "554 5.7.1 Relaying denied";
            }
            return directory.isDeliverable(address) ? "250 2.1.5 Recipient ok" : "550 5.1.1 No such user here";
        }, answer -> {
            if (answer.startsWith("250")) {
                recipients.add(EnvelopeRecipient.of(address.toString()));
            }
            reply(answer);
        });
    }

    private void data() {
        if (state != State.MAIL) {
            reply("503 5.5.1 Need MAIL before DATA");
            return;
        }
        if (recipients.isEmpty()) {
            reply("554 5.5.1 No valid recipients");
            return;
        }
        state = State.DATA;
        data = new ByteArrayOutputStream(8192);
        dataTooLarge = false;
        reply("354 Start mail input; end with <CRLF>.<CRLF>");
    }

    private void dataLine(ByteBuf line) {
        int length = line.readableBytes();
        if (length == 1 && line.getByte(line.readerIndex()) == '.') {
            endOfData();
            return;
        }
        if (dataTooLarge) {
            return;
        }
        int skip = length > 0 && line.getByte(line.readerIndex()) == '.' ? 1 : 0; // RFC 5321 §4.5.2 dot-unstuffing
        if (data.size() + length + 2 > properties.limits().maxMessageSize().toBytes()) {
            dataTooLarge = true;
            data = new ByteArrayOutputStream(0);
            return;
        }
        byte[] bytes = new byte[length - skip];
        line.getBytes(line.readerIndex() + skip, bytes);
        data.write(bytes, 0, bytes.length);
        data.write('\r');
        data.write('\n');
    }

    private void endOfData() {
        if (dataTooLarge) {
            resetTransaction();
            state = State.READY;
            reply("552 5.3.4 Message size exceeds fixed maximum message size");
            return;
        }
        Envelope envelope = new Envelope(EnvelopeId.next(), reversePath, recipients, clientAddress().getHostAddress(), helo,
                authenticatedUser, tlsInfo(), Instant.now(), bodyType, smtpUtf8, null, null);
        byte[] received = ReceivedHeader.render(envelope, properties.hostname());
        byte[] body = data.toByteArray();
        byte[] message = new byte[received.length + body.length];
        System.arraycopy(received, 0, message, 0, received.length);
        System.arraycopy(body, 0, message, received.length, body.length);
        resetTransaction();
        state = State.READY;
        suspend();
        publisher.publish(envelope, message).whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                log.warn("message {} not accepted: Kafka did not acknowledge: {}", envelope.id(), failure.toString());
                reply("451 4.3.0 Temporary failure storing the message, try again later");
            } else {
                reply("250 2.0.0 Ok: queued as " + envelope.id());
            }
            resume();
        }));
    }

    private void startTls() {
        if (isTls()) {
            reply("503 5.5.1 TLS already active");
            return;
        }
        startTls(sslContext, decoder, "220 2.0.0 Ready to start TLS\r\n");
        helo = null;
        authenticatedUser = null;
        resetTransaction();
        state = State.GREETED;
    }

    // ---- AUTH (RFC 4954) -------------------------------------------------------------------

    private void auth(String argument) {
        if (state == State.GREETED) {
            reply("503 5.5.1 Send EHLO first");
            return;
        }
        if (authenticatedUser != null) {
            reply("503 5.5.1 Already authenticated");
            return;
        }
        if (state != State.READY) {
            reply("503 5.5.1 AUTH not allowed during a mail transaction");
            return;
        }
        if (!authAllowed()) {
            reply("538 5.7.11 Encryption required for requested authentication mechanism");
            return;
        }
        String[] parts = argument.split(" ", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String initial = parts.length > 1 ? parts[1].trim() : null;
        switch (mechanism) {
            case "PLAIN" -> {
                if (initial == null) {
                    state = State.AUTH_PLAIN;
                    reply("334 ");
                } else {
                    authPlain(initial);
                }
            }
            case "LOGIN" -> {
                if (initial == null) {
                    state = State.AUTH_LOGIN_USER;
                    reply("334 " + SaslBase64.encode("Username:"));
                } else {
                    authLoginUser(initial);
                }
            }
            default -> reply("504 5.5.4 Unrecognized authentication mechanism");
        }
    }

    private boolean cancelled(String line) {
        if (line.equals("*")) {
            state = State.READY;
            reply("501 5.7.0 Authentication cancelled");
            return true;
        }
        return false;
    }

    private void authPlain(String line) {
        state = State.READY;
        if (cancelled(line)) {
            return;
        }
        Credentials credentials;
        try {
            credentials = SaslPlain.decode(line);
        } catch (SaslException e) {
            reply("501 5.5.2 " + e.getMessage());
            return;
        }
        checkPassword(credentials.username(), credentials.password());
    }

    private void authLoginUser(String line) {
        if (cancelled(line)) {
            return;
        }
        try {
            loginUser = SaslBase64.decodeUtf8(line);
        } catch (SaslException e) {
            state = State.READY;
            reply("501 5.5.2 Invalid base64");
            return;
        }
        state = State.AUTH_LOGIN_PASSWORD;
        reply("334 " + SaslBase64.encode("Password:"));
    }

    private void authLoginPassword(String line) {
        state = State.READY;
        if (cancelled(line)) {
            return;
        }
        String password;
        try {
            password = SaslBase64.decodeUtf8(line);
        } catch (SaslException e) {
            reply("501 5.5.2 Invalid base64");
            return;
        }
        checkPassword(loginUser, password);
    }

    private void checkPassword(String username, String password) {
        offload(() -> authenticator.login(username, password, clientAddress()), attempt -> after(attempt.replyDelay(), () -> {
            if (attempt.account().isPresent()) {
                authenticatedUser = attempt.account().get().address();
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void resetTransaction() {
        reversePath = null;
        recipients.clear();
        data = null;
        dataTooLarge = false;
        if (state == State.MAIL || state == State.DATA) {
            state = State.READY;
        }
    }


    private Envelope.TlsInfo tlsInfo() {
        SslHandler handler = ctx.pipeline().get(SslHandler.class);
        if (handler == null) {
            return null;
        }
        SSLSession session = handler.engine().getSession();
        return new Envelope.TlsInfo(session.getProtocol(), session.getCipherSuite());
    }

    private void reply(String line) {
        write(line + "\r\n");
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
