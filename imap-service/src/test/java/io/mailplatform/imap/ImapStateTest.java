package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.parse.ImapCommandParser;
import io.mailplatform.imap.parse.ParserLimits;
import io.mailplatform.imap.session.ImapState;
import io.mailplatform.imap.session.ImapStateTable;
import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every command in every state where it is not valid gets a tagged BAD and changes nothing (mox
 * {@code TestState}); the session then still works.
 */
class ImapStateTest extends ImapTestSupport {
    /** One well-formed example of every command; the table below must cover every command record. */
    private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("STARTTLS", "STARTTLS");
        EXAMPLES.put("LOGIN", "LOGIN someone@example.test pw");
        EXAMPLES.put("AUTHENTICATE", "AUTHENTICATE PLAIN AHNvbWVvbmUAcHc=");
        EXAMPLES.put("ENABLE", "ENABLE IMAP4rev2");
        EXAMPLES.put("SELECT", "SELECT INBOX");
        EXAMPLES.put("CREATE", "CREATE state-test");
        EXAMPLES.put("DELETE", "DELETE state-test");
        EXAMPLES.put("RENAME", "RENAME state-test other");
        EXAMPLES.put("SUBSCRIBE", "SUBSCRIBE state-test");
        EXAMPLES.put("UNSUBSCRIBE", "UNSUBSCRIBE state-test");
        EXAMPLES.put("LIST", "LIST \"\" *");
        EXAMPLES.put("LSUB", "LSUB \"\" *");
        EXAMPLES.put("NAMESPACE", "NAMESPACE");
        EXAMPLES.put("STATUS", "STATUS INBOX (MESSAGES)");
        EXAMPLES.put("APPEND", "APPEND INBOX {1+}\r\nx");
        EXAMPLES.put("MULTIAPPEND", "APPEND INBOX {1+}\r\nx {1+}\r\ny");
        EXAMPLES.put("IDLE", "IDLE");
        EXAMPLES.put("GETQUOTA", "GETQUOTA \"\"");
        EXAMPLES.put("GETQUOTAROOT", "GETQUOTAROOT INBOX");
        EXAMPLES.put("SETQUOTA", "SETQUOTA \"\" (STORAGE 512)");
        EXAMPLES.put("GETMETADATA", "GETMETADATA \"\" /shared/comment");
        EXAMPLES.put("SETMETADATA", "SETMETADATA \"\" (/private/comment NIL)");
        EXAMPLES.put("NOTIFY", "NOTIFY NONE");
        EXAMPLES.put("SETACL", "SETACL INBOX anyone l");
        EXAMPLES.put("DELETEACL", "DELETEACL INBOX anyone");
        EXAMPLES.put("GETACL", "GETACL INBOX");
        EXAMPLES.put("LISTRIGHTS", "LISTRIGHTS INBOX anyone");
        EXAMPLES.put("MYRIGHTS", "MYRIGHTS INBOX");
        EXAMPLES.put("COMPRESS", "COMPRESS DEFLATE");
        EXAMPLES.put("CHECK", "CHECK");
        EXAMPLES.put("CLOSE", "CLOSE");
        EXAMPLES.put("UNSELECT", "UNSELECT");
        EXAMPLES.put("EXPUNGE", "EXPUNGE");
        EXAMPLES.put("SEARCH", "SEARCH ALL");
        EXAMPLES.put("SORT", "SORT (DATE) UTF-8 ALL");
        EXAMPLES.put("THREAD", "THREAD REFERENCES UTF-8 ALL");
        EXAMPLES.put("FETCH", "FETCH 1 FLAGS");
        EXAMPLES.put("STORE", "STORE 1 +FLAGS (\\Deleted)");
        EXAMPLES.put("COPY", "COPY 1 Trash");
        EXAMPLES.put("MOVE", "MOVE 1 Trash");
        EXAMPLES.put("CAPABILITY", "CAPABILITY");
        EXAMPLES.put("NOOP", "NOOP");
        EXAMPLES.put("ID", "ID NIL");
        EXAMPLES.put("LOGOUT", "LOGOUT");
    }

    private final ImapCommandParser parser = new ImapCommandParser(ParserLimits.DEFAULT);

    private ImapCommand parse(String text) {
        // each CRLF ends a line with a one-octet literal, which starts the next part
        String[] parts = ("t " + text).split("\r\n");
        List<byte[]> lines = new java.util.ArrayList<>(List.of(parts[0].getBytes()));
        List<byte[]> literals = new java.util.ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            literals.add(parts[i].substring(0, 1).getBytes());
            lines.add(parts[i].substring(1).getBytes());
        }
        return parser.parse(new CommandFrame(lines, literals));
    }

    @Test
    void examplesCoverEveryCommandOfTheStateTable() {
        Set<Class<?>> covered = EXAMPLES.values().stream().map(text -> parse(text).getClass()).collect(Collectors.toSet());
        assertThat(covered).containsAll(ImapStateTable.commands());
    }

    /** The examples not valid in a state (LOGOUT is valid everywhere and ends the test: left out). */
    private List<String> invalidIn(ImapState state) {
        return EXAMPLES.values().stream().filter(text -> !ImapStateTable.allows(parse(text), state)).toList();
    }

    private static void assertRefused(LineClient client, List<String> commands, String expected) throws Exception {
        int n = 0;
        for (String command : commands) {
            String tag = "w" + (++n);
            client.send(tag + " " + command);
            List<String> lines = client.readUntil(line -> line.startsWith(tag + " "));
            assertThat(lines).as(command).hasSize(1);
            assertThat(lines.get(0)).as(command).isEqualTo(tag + " BAD " + expected);
        }
        assertThat(command(client, "alive", "NOOP")).last().isEqualTo("alive OK NOOP completed");
    }

    @Test
    void notAuthenticatedStateRefusesEverythingButItsOwnCommands() throws Exception {
        List<String> invalid = invalidIn(ImapState.NOT_AUTHENTICATED);
        assertThat(invalid).hasSize(37);
        try (LineClient client = connect()) {
            assertRefused(client, invalid, "Authenticate first");
        }
    }

    @Test
    void authenticatedStateRefusesLoginCommandsAndMessageCommands() throws Exception {
        Account account = account("state-authenticated");
        List<String> invalid = invalidIn(ImapState.AUTHENTICATED);
        try (LineClient client = login(account)) {
            assertRefused(client, invalid.stream().filter(c -> !c.startsWith("STARTTLS") && !c.startsWith("LOGIN")
                    && !c.startsWith("AUTHENTICATE")).toList(), "No mailbox selected");
            assertRefused(client, invalid.stream().filter(c -> c.startsWith("STARTTLS") || c.startsWith("LOGIN")
                    || c.startsWith("AUTHENTICATE")).toList(), "Already authenticated");
        }
    }

    @Test
    void selectedStateRefusesLoginCommands() throws Exception {
        Account account = account("state-selected");
        List<String> invalid = invalidIn(ImapState.SELECTED);
        assertThat(invalid).hasSize(3);
        try (LineClient client = login(account)) {
            assertThat(command(client, "s", "SELECT INBOX")).last().asString().startsWith("s OK");
            assertRefused(client, invalid, "Already authenticated");
            // still selected: a selected-state command works
            assertThat(command(client, "f", "SEARCH ALL")).last().isEqualTo("f OK SEARCH completed");
        }
    }
}
