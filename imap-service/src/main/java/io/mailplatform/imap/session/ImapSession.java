package io.mailplatform.imap.session;

import io.mailplatform.core.net.CrlfLineDecoder;
import io.mailplatform.core.net.OrderedSessionHandler;
import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslException;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * One IMAP session: not authenticated, authenticated, selected (RFC 9051 §3). This first version
 * serves CAPABILITY, NOOP, LOGOUT, STARTTLS, LOGIN, LIST, SELECT, EXAMINE, FETCH and UID FETCH
 * (FLAGS, UID, INTERNALDATE, RFC822.SIZE, BODY[], BODY.PEEK[]) and CLOSE.
 */
public final class ImapSession extends OrderedSessionHandler {
    private static final DateTimeFormatter INTERNALDATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.US);

    private enum State {
        NOT_AUTHENTICATED,
        AUTHENTICATED,
        SELECTED
    }

    private final ImapProperties properties;
    private final SslContext sslContext;
    private final Authenticator authenticator;
    private final MailboxService mailboxes;

    private State state = State.NOT_AUTHENTICATED;
    private Account account;
    private Mailbox selected;
    private boolean readOnly;
    private List<MessageMeta> view = List.of();
    private String authenticateTag;

    public ImapSession(ImapProperties properties, SslContext sslContext, Authenticator authenticator,
            MailboxService mailboxes, Executor workers) {
        super(workers);
        this.properties = properties;
        this.sslContext = sslContext;
        this.authenticator = authenticator;
        this.mailboxes = mailboxes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        write("* OK [CAPABILITY " + capabilities() + "] " + properties.hostname() + " IMAP4rev1 ready\r\n");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            write("* BYE Autologout; idle for too long\r\n").addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void internalError(RuntimeException e) {
        write("* NO [SERVERBUG] Internal error\r\n");
    }

    private String capabilities() {
        StringBuilder caps = new StringBuilder("IMAP4rev1");
        if (!isTls()) {
            caps.append(" STARTTLS");
        }
        if (!isTls() && !properties.allowPlaintextAuth()) {
            caps.append(" LOGINDISABLED");
        } else if (state == State.NOT_AUTHENTICATED) {
            caps.append(" AUTH=PLAIN SASL-IR");
        }
        return caps.toString();
    }

    @Override
    protected void handle(Object frame) {
        if (frame instanceof CrlfLineDecoder.LineTooLong) {
            write("* BAD Line too long\r\n");
            return;
        }
        String line = ((ByteBuf) frame).toString(StandardCharsets.UTF_8);
        if (authenticateTag != null) {
            String tag = authenticateTag;
            authenticateTag = null;
            saslPlainResponse(tag, line);
            return;
        }
        List<String> words;
        try {
            words = Tokens.split(line);
        } catch (IllegalArgumentException e) {
            write("* BAD " + e.getMessage() + "\r\n");
            return;
        }
        if (words.size() < 2) {
            write("* BAD Missing tag or command\r\n");
            return;
        }
        String tag = words.get(0);
        String command = words.get(1).toUpperCase(Locale.ROOT);
        List<String> args = words.subList(2, words.size());
        if (command.equals("UID") && !args.isEmpty()) {
            command = "UID " + args.get(0).toUpperCase(Locale.ROOT);
            args = args.subList(1, args.size());
        }
        dispatch(tag, command, args);
    }

    private void dispatch(String tag, String command, List<String> args) {
        switch (command) {
            case "CAPABILITY" -> {
                write("* CAPABILITY " + capabilities() + "\r\n");
                ok(tag, "CAPABILITY completed");
            }
            case "NOOP" -> {
                if (state == State.SELECTED) {
                    refresh(tag, "NOOP completed");
                } else {
                    ok(tag, "NOOP completed");
                }
            }
            case "LOGOUT" -> {
                write("* BYE Logging out\r\n");
                write(tag + " OK LOGOUT completed\r\n").addListener(ChannelFutureListener.CLOSE);
            }
            case "STARTTLS" -> {
                if (state != State.NOT_AUTHENTICATED || isTls()) {
                    bad(tag, "STARTTLS not allowed now");
                    return;
                }
                startTls(sslContext, (CrlfLineDecoder) ctx.pipeline().get("lines"), tag + " OK Begin TLS negotiation now\r\n");
            }
            case "LOGIN" -> login(tag, args);
            case "AUTHENTICATE" -> authenticate(tag, args);
            case "LIST" -> {
                if (requireAuthenticated(tag)) {
                    list(tag);
                }
            }
            case "SELECT", "EXAMINE" -> {
                if (requireAuthenticated(tag)) {
                    select(tag, args, command.equals("EXAMINE"));
                }
            }
            case "FETCH", "UID FETCH" -> {
                if (requireSelected(tag)) {
                    fetch(tag, args, command.startsWith("UID"));
                }
            }
            case "CLOSE" -> {
                if (requireSelected(tag)) {
                    state = State.AUTHENTICATED;
                    selected = null;
                    ok(tag, "CLOSE completed");
                }
            }
            default -> bad(tag, "Unknown command " + command);
        }
    }

    private boolean requireAuthenticated(String tag) {
        if (state == State.NOT_AUTHENTICATED) {
            bad(tag, "Log in first");
            return false;
        }
        return true;
    }

    private boolean requireSelected(String tag) {
        if (state != State.SELECTED) {
            bad(tag, "Select a mailbox first");
            return false;
        }
        return true;
    }

    private void login(String tag, List<String> args) {
        if (!loginAllowed(tag)) {
            return;
        }
        if (args.size() != 2) {
            bad(tag, "LOGIN needs a user name and a password");
            return;
        }
        checkLogin(tag, args.get(0), args.get(1));
    }

    private void checkLogin(String tag, String username, String password) {
        offload(() -> authenticator.login(username, password, clientAddress()), attempt -> after(attempt.replyDelay(), () -> {
            if (attempt.account().isEmpty()) {
                write(tag + " NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
                return;
            }
            account = attempt.account().get();
            state = State.AUTHENTICATED;
            write(tag + " OK [CAPABILITY " + capabilities() + "] Logged in\r\n");
        }));
    }

    private boolean loginAllowed(String tag) {
        if (state != State.NOT_AUTHENTICATED) {
            bad(tag, "Already logged in");
            return false;
        }
        if (!isTls() && !properties.allowPlaintextAuth()) {
            write(tag + " NO [PRIVACYREQUIRED] Use STARTTLS first\r\n");
            return false;
        }
        return true;
    }

    private void authenticate(String tag, List<String> args) {
        if (!loginAllowed(tag)) {
            return;
        }
        if (args.isEmpty() || args.size() > 2 || !args.get(0).equalsIgnoreCase("PLAIN")) {
            write(tag + " NO Unsupported authentication mechanism\r\n");
            return;
        }
        if (args.size() == 1) {
            authenticateTag = tag;
            write("+ \r\n");
            return;
        }
        saslPlainResponse(tag, args.get(1));
    }

    private void saslPlainResponse(String tag, String response) {
        if (response.equals("*")) {
            bad(tag, "AUTHENTICATE cancelled");
            return;
        }
        try {
            Credentials credentials = SaslPlain.decode(response);
            checkLogin(tag, credentials.username(), credentials.password());
        } catch (SaslException e) {
            bad(tag, e.getMessage());
        }
    }

    private void list(String tag) {
        offload(() -> mailboxes.mailboxes(account.id()), all -> {
            StringBuilder out = new StringBuilder();
            for (Mailbox mailbox : all) {
                out.append("* LIST (");
                if (mailbox.specialUse() != null) {
                    out.append(mailbox.specialUse());
                }
                out.append(") \"/\" ").append(Tokens.quote(mailbox.name())).append("\r\n");
            }
            write(out.append(tag).append(" OK LIST completed\r\n").toString());
        });
    }

    private void select(String tag, List<String> args, boolean examine) {
        if (args.size() != 1) {
            bad(tag, "SELECT needs a mailbox name");
            return;
        }
        state = State.AUTHENTICATED;
        selected = null;
        offload(() -> mailboxes.find(account.id(), args.get(0)).map(box -> new Selection(box, mailboxes.messages(box))),
                selection -> {
                    if (selection.isEmpty()) {
                        write(tag + " NO [NONEXISTENT] No such mailbox\r\n");
                        return;
                    }
                    Mailbox box = selection.get().mailbox();
                    selected = box;
                    readOnly = examine;
                    view = selection.get().messages();
                    state = State.SELECTED;
                    write("* " + view.size() + " EXISTS\r\n* 0 RECENT\r\n"
                            + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                            + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted\r\n"
                            + "* OK [UIDVALIDITY " + box.uidValidity() + "] UIDs valid\r\n"
                            + "* OK [UIDNEXT " + box.uidNext() + "] Predicted next UID\r\n"
                            + tag + " OK [" + (examine ? "READ-ONLY" : "READ-WRITE") + "] "
                            + (examine ? "EXAMINE" : "SELECT") + " completed\r\n");
                });
    }

    private record Selection(Mailbox mailbox, List<MessageMeta> messages) {
    }

    /** NOOP in the selected state: report new messages. */
    private void refresh(String tag, String text) {
        offload(() -> mailboxes.messages(selected), messages -> {
            if (messages.size() > view.size()) {
                write("* " + messages.size() + " EXISTS\r\n");
            }
            view = messages;
            ok(tag, text);
        });
    }

    private void fetch(String tag, List<String> args, boolean byUid) {
        if (args.size() < 2) {
            bad(tag, "FETCH needs a sequence set and items");
            return;
        }
        List<Integer> indexes;
        List<String> items = new ArrayList<>();
        try {
            indexes = SequenceSet.resolve(args.get(0), view, byUid);
            String joined = String.join(" ", args.subList(1, args.size())).toUpperCase(Locale.ROOT);
            if (joined.startsWith("(") && joined.endsWith(")")) {
                joined = joined.substring(1, joined.length() - 1);
            }
            for (String item : joined.trim().split(" +")) {
                if (!List.of("FLAGS", "UID", "INTERNALDATE", "RFC822.SIZE", "BODY[]", "BODY.PEEK[]", "RFC822").contains(item)) {
                    bad(tag, "Unsupported fetch item " + item);
                    return;
                }
                items.add(item);
            }
        } catch (IllegalArgumentException e) {
            bad(tag, e.getMessage());
            return;
        }
        if (byUid && !items.contains("UID")) {
            items.add(0, "UID");
        }
        boolean needsBody = items.contains("BODY[]") || items.contains("BODY.PEEK[]") || items.contains("RFC822");
        boolean setsSeen = !readOnly && (items.contains("BODY[]") || items.contains("RFC822"));
        List<MessageMeta> snapshot = view;
        offload(() -> {
            List<byte[]> bodies = new ArrayList<>();
            List<Long> unseen = new ArrayList<>();
            for (int index : indexes) {
                MessageMeta meta = snapshot.get(index);
                bodies.add(needsBody ? mailboxes.content(selected, meta.uid()).orElse(new byte[0]) : null);
                if (setsSeen && !meta.flags().has(MessageFlags.SEEN)) {
                    unseen.add(meta.uid());
                }
            }
            if (!unseen.isEmpty()) {
                mailboxes.setFlags(selected, unseen, FlagMode.ADD, MessageFlags.of(List.of("\\Seen")));
            }
            return bodies;
        }, bodies -> {
            for (int i = 0; i < indexes.size(); i++) {
                int index = indexes.get(i);
                MessageMeta meta = snapshot.get(index);
                ByteBuf out = ctx.alloc().buffer();
                out.writeCharSequence("* " + (index + 1) + " FETCH (", StandardCharsets.US_ASCII);
                boolean first = true;
                for (String item : items) {
                    if (!first) {
                        out.writeByte(' ');
                    }
                    first = false;
                    switch (item) {
                        case "UID" -> out.writeCharSequence("UID " + meta.uid(), StandardCharsets.US_ASCII);
                        case "FLAGS" -> out.writeCharSequence("FLAGS (" + String.join(" ", flagsAfterFetch(meta, setsSeen)) + ")",
                                StandardCharsets.UTF_8);
                        case "INTERNALDATE" -> out.writeCharSequence("INTERNALDATE \""
                                + INTERNALDATE.format(meta.internalDate().atOffset(ZoneOffset.UTC)) + "\"", StandardCharsets.US_ASCII);
                        case "RFC822.SIZE" -> out.writeCharSequence("RFC822.SIZE " + meta.size(), StandardCharsets.US_ASCII);
                        default -> {
                            byte[] body = bodies.get(i);
                            String name = item.equals("RFC822") ? "RFC822" : "BODY[]";
                            out.writeCharSequence(name + " {" + body.length + "}\r\n", StandardCharsets.US_ASCII);
                            out.writeBytes(body);
                        }
                    }
                }
                out.writeCharSequence(")\r\n", StandardCharsets.US_ASCII);
                write(out);
            }
            ok(tag, (byUid ? "UID " : "") + "FETCH completed");
        });
    }

    private static List<String> flagsAfterFetch(MessageMeta meta, boolean setsSeen) {
        List<String> names = new ArrayList<>(meta.flags().names());
        if (setsSeen && !meta.flags().has(MessageFlags.SEEN)) {
            names.add(0, "\\Seen");
        }
        return names;
    }

    private void ok(String tag, String text) {
        write(tag + " OK " + text + "\r\n");
    }

    private void bad(String tag, String text) {
        write(tag + " BAD " + text + "\r\n");
    }
}
