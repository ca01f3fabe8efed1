package io.mailplatform.pop3.session;

import io.mailplatform.core.net.CrlfLineDecoder;
import io.mailplatform.core.net.OrderedSessionHandler;
import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslException;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.pop3.config.Pop3Properties;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageMeta;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/** One POP3 session (RFC 1939): AUTHORIZATION, then TRANSACTION on a snapshot of the INBOX, UPDATE at QUIT. */
public final class Pop3Session extends OrderedSessionHandler {

    private enum State {
        AUTHORIZATION,
        TRANSACTION
    }

    private final Pop3Properties properties;
    private final SslContext sslContext;
    private final Authenticator authenticator;
    private final MailboxService mailboxes;

    private State state = State.AUTHORIZATION;
    private String user;
    private boolean awaitingSaslResponse;
    private Mailbox inbox;
    private List<MessageMeta> snapshot = List.of();
    private boolean[] deleted = new boolean[0];

    public Pop3Session(Pop3Properties properties, SslContext sslContext,
            Authenticator authenticator, MailboxService mailboxes, Executor workers) {
        super(workers);
        this.properties = properties;
        this.sslContext = sslContext;
        this.authenticator = authenticator;
        this.mailboxes = mailboxes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String timestamp = "<" + ProcessHandle.current().pid() + "." + System.currentTimeMillis() + "."
                + ThreadLocalRandom.current().nextInt(1_000_000) + "@" + properties.hostname() + ">";
        ok("POP3 server ready " + timestamp);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // RFC 1939 §3: an autologout timer expiring ends the session without entering UPDATE
            write("-ERR Autologout; idle for too long\r\n").addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void internalError(RuntimeException e) {
        write("-ERR [SYS/TEMP] Internal error, try again later\r\n");
    }

    @Override
    protected void handle(Object frame) {
        if (frame instanceof CrlfLineDecoder.LineTooLong) {
            err("Line too long");
            return;
        }
        String line = ((ByteBuf) frame).toString(StandardCharsets.UTF_8);
        if (awaitingSaslResponse) {
            awaitingSaslResponse = false;
            saslPlainResponse(line);
            return;
        }
        int space = line.indexOf(' ');
        String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        if (keyword.equals("QUIT")) {
            quit();
            return;
        }
        if (keyword.equals("CAPA")) {
            capa();
            return;
        }
        if (keyword.equals("NOOP") && state == State.TRANSACTION) {
            ok("");
            return;
        }
        if (state == State.AUTHORIZATION) {
            authorization(keyword, argument);
        } else {
            transaction(keyword, argument);
        }
    }

    private boolean plaintextAllowed() {
        return isTls() || properties.allowPlaintextAuth();
    }

    private void capa() {
        StringBuilder capa = new StringBuilder("+OK Capability list follows\r\n");
        capa.append("TOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n");
        if (state == State.AUTHORIZATION) {
            if (plaintextAllowed()) {
                capa.append("USER\r\nSASL PLAIN\r\n");
            }
            if (!isTls()) {
                capa.append("STLS\r\n");
            }
        }
        capa.append("IMPLEMENTATION mailplatform\r\n.\r\n");
        write(capa.toString());
    }

    private void authorization(String keyword, String argument) {
        switch (keyword) {
            case "STLS" -> {
                if (isTls()) {
                    err("Already using TLS");
                    return;
                }
                user = null;
                startTls(sslContext, (CrlfLineDecoder) ctx.pipeline().get("lines"), "+OK Begin TLS negotiation\r\n");
            }
            case "USER" -> {
                if (!plaintextAllowed()) {
                    err("[AUTH] Use STLS first");
                    return;
                }
                if (argument.isBlank()) {
                    err("USER needs a mailbox name");
                    return;
                }
                user = argument.trim();
                ok("Send PASS");
            }
            case "PASS" -> {
                if (user == null) {
                    err("Send USER first");
                    return;
                }
                String name = user;
                user = null;
                login(name, argument);
            }
            case "AUTH" -> auth(argument);
            default -> err("Unknown command in AUTHORIZATION state");
        }
    }

    private void auth(String argument) {
        if (!plaintextAllowed()) {
            err("[AUTH] Use STLS first");
            return;
        }
        String[] parts = argument.trim().split(" ");
        if (!parts[0].equalsIgnoreCase("PLAIN") || parts.length > 2) {
            err("Unsupported mechanism");
            return;
        }
        if (parts.length == 1) {
            awaitingSaslResponse = true;
            write("+ \r\n");
            return;
        }
        saslPlainResponse(parts[1]);
    }

    private void saslPlainResponse(String response) {
        if (response.equals("*")) {
            err("AUTH cancelled");
            return;
        }
        try {
            Credentials credentials = SaslPlain.decode(response);
            login(credentials.username(), credentials.password());
        } catch (SaslException e) {
            err(e.getMessage());
        }
    }

    private void login(String username, String password) {
        offload(() -> {
            Authenticator.LoginAttempt attempt = authenticator.login(username, password, clientAddress());
            Optional<Account> account = attempt.account();
            if (account.isEmpty()) {
                return new Login(null, List.of(), attempt.replyDelay());
            }
            Mailbox box = mailboxes.require(account.get().id(), Mailbox.INBOX);
            return new Login(box, mailboxes.messages(box), attempt.replyDelay());
        }, login -> after(login.replyDelay(), () -> {
            if (login.inbox() == null) {
                err("[AUTH] Invalid login");
                return;
            }
            inbox = login.inbox();
            snapshot = login.messages();
            deleted = new boolean[snapshot.size()];
            state = State.TRANSACTION;
            ok("Logged in, " + snapshot.size() + " messages");
        }));
    }

    private record Login(Mailbox inbox, List<MessageMeta> messages, java.time.Duration replyDelay) {
    }

    private void transaction(String keyword, String argument) {
        switch (keyword) {
            case "STAT" -> {
                int count = 0;
                long size = 0;
                for (int i = 0; i < snapshot.size(); i++) {
                    if (!deleted[i]) {
                        count++;
                        size += snapshot.get(i).size();
                    }
                }
                ok(count + " " + size);
            }
            case "LIST" -> listing(argument, meta -> Integer.toString(meta.size()));
            case "UIDL" -> listing(argument, meta -> inbox.uidValidity() + "." + meta.uid());
            case "RETR" -> retrieve(argument, -1);
            case "TOP" -> {
                String[] parts = argument.trim().split(" +");
                if (parts.length != 2) {
                    err("Usage: TOP msg n");
                    return;
                }
                int lines;
                try {
                    lines = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    err("Invalid line count");
                    return;
                }
                if (lines < 0) {
                    err("Invalid line count");
                    return;
                }
                retrieve(parts[0], lines);
            }
            case "DELE" -> {
                int index = messageIndex(argument);
                if (index >= 0) {
                    deleted[index] = true;
                    ok("Message " + (index + 1) + " deleted");
                }
            }
            case "RSET" -> {
                deleted = new boolean[snapshot.size()];
                ok("");
            }
            default -> err("Unknown command in TRANSACTION state");
        }
    }

    private void listing(String argument, java.util.function.Function<MessageMeta, String> value) {
        if (!argument.isBlank()) {
            int index = messageIndex(argument);
            if (index >= 0) {
                ok((index + 1) + " " + value.apply(snapshot.get(index)));
            }
            return;
        }
        StringBuilder out = new StringBuilder("+OK\r\n");
        for (int i = 0; i < snapshot.size(); i++) {
            if (!deleted[i]) {
                out.append(i + 1).append(' ').append(value.apply(snapshot.get(i))).append("\r\n");
            }
        }
        write(out.append(".\r\n").toString());
    }

    /** The 0-based index of a message number argument, or -1 after answering -ERR. */
    private int messageIndex(String argument) {
        int number;
        try {
            number = Integer.parseInt(argument.trim());
        } catch (NumberFormatException e) {
            err("Invalid message number");
            return -1;
        }
        if (number < 1 || number > snapshot.size()) {
            err("No such message");
            return -1;
        }
        if (deleted[number - 1]) {
            err("Message " + number + " already deleted");
            return -1;
        }
        return number - 1;
    }

    private void retrieve(String argument, int bodyLines) {
        int index = messageIndex(argument);
        if (index < 0) {
            return;
        }
        MessageMeta meta = snapshot.get(index);
        offload(() -> mailboxes.content(inbox, meta.uid()), content -> {
            if (content.isEmpty()) {
                err("[SYS/PERM] Message " + (index + 1) + " was removed by another session");
                return;
            }
            write(ctx.alloc().buffer().writeBytes(("+OK " + meta.size() + " octets\r\n").getBytes(StandardCharsets.US_ASCII))
                    .writeBytes(DotStuffing.stuff(content.get(), bodyLines)));
        });
    }

    private void quit() {
        if (state != State.TRANSACTION) {
            write("+OK Bye\r\n").addListener(ChannelFutureListener.CLOSE);
            return;
        }
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            if (deleted[i]) {
                uids.add(snapshot.get(i).uid());
            }
        }
        offload(() -> uids.isEmpty() ? List.<Long>of() : mailboxes.delete(inbox, uids),
                removed -> write("+OK Bye, " + removed.size() + " messages deleted\r\n")
                        .addListener(ChannelFutureListener.CLOSE));
    }

    private void ok(String text) {
        write(text.isEmpty() ? "+OK\r\n" : "+OK " + text + "\r\n");
    }

    private void err(String text) {
        write("-ERR " + text + "\r\n");
    }
}
