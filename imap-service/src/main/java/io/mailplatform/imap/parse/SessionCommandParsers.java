package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.AnyStateCommands;
import io.mailplatform.imap.command.AuthCommands;
import io.mailplatform.imap.command.MailboxCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CAPABILITY, NOOP, LOGOUT, ID, STARTTLS, LOGIN, AUTHENTICATE and ENABLE. */
final class SessionCommandParsers {
    /** RFC 2971 §3.3: at most 30 field/value pairs. */
    private static final int MAX_ID_PAIRS = 30;

    private SessionCommandParsers() {
    }

    static void register(Map<String, CommandParser> table) {
        table.put("CAPABILITY", (tag, c) -> new AnyStateCommands.Capability(tag));
        table.put("NOOP", (tag, c) -> new AnyStateCommands.Noop(tag));
        table.put("LOGOUT", (tag, c) -> new AnyStateCommands.Logout(tag));
        table.put("STARTTLS", (tag, c) -> new AuthCommands.StartTls(tag));
        table.put("ID", SessionCommandParsers::id);
        table.put("LOGIN", (tag, c) -> {
            c.sp();
            String user = c.astring();
            c.sp();
            return new AuthCommands.Login(tag, user, c.astring());
        });
        table.put("AUTHENTICATE", (tag, c) -> {
            c.sp();
            String mechanism = c.keyword();
            String initial = null;
            if (c.space()) {
                initial = c.takeWhile(ch -> ch > ' ' && ch < 0x7f);
                if (initial.isEmpty()) {
                    throw c.error("Expected an initial response");
                }
            }
            return new AuthCommands.Authenticate(tag, mechanism, initial);
        });
        table.put("ENABLE", (tag, c) -> {
            List<String> capabilities = new ArrayList<>();
            do {
                c.sp();
                capabilities.add(c.atom());
            } while (c.peek() == ' ');
            return new MailboxCommands.Enable(tag, capabilities);
        });
    }

    /** {@code ID SP ("(" string SP nstring *(SP string SP nstring) ")" / NIL)} (RFC 2971 §4). */
    private static AnyStateCommands.Id id(String tag, ImapCursor c) {
        c.sp();
        if (c.takeKeyword("NIL")) {
            return new AnyStateCommands.Id(tag, null);
        }
        c.expect('(');
        List<String> parameters = new ArrayList<>();
        if (!c.take(')')) {
            do {
                if (parameters.size() == 2 * MAX_ID_PAIRS) {
                    throw c.error("Too many ID parameters");
                }
                parameters.add(c.string());
                c.sp();
                parameters.add(c.nstring());
            } while (c.space());
            c.expect(')');
        }
        return new AnyStateCommands.Id(tag, parameters);
    }
}
