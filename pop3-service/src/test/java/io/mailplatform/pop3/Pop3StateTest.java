package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.command.MessageNumber;
import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.session.Pop3State;
import io.mailplatform.pop3.session.Pop3StateTable;
import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every command in every state where it is not valid gets -ERR, and the session goes on (mox TestState). */
class Pop3StateTest extends Pop3ServerTest {
    /** A well-formed example of every command, with the states it is valid in (RFC 1939, 2449, 2595, 5034). */
    private static final Map<String, Set<Pop3State>> COMMANDS = new LinkedHashMap<>();

    static {
        Set<Pop3State> authorization = Set.of(Pop3State.AUTHORIZATION);
        Set<Pop3State> transaction = Set.of(Pop3State.TRANSACTION);
        COMMANDS.put("USER state@example.test", authorization);
        COMMANDS.put("PASS pw", authorization);
        COMMANDS.put("APOP state@example.test 0123456789abcdef0123456789abcdef", authorization);
        COMMANDS.put("AUTH PLAIN", authorization);
        COMMANDS.put("STLS", authorization);
        COMMANDS.put("CAPA", Set.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION));
        COMMANDS.put("QUIT", Set.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION));
        COMMANDS.put("STAT", transaction);
        COMMANDS.put("LIST", transaction);
        COMMANDS.put("LIST 1", transaction);
        COMMANDS.put("RETR 1", transaction);
        COMMANDS.put("DELE 1", transaction);
        COMMANDS.put("NOOP", transaction);
        COMMANDS.put("RSET", transaction);
        COMMANDS.put("TOP 1 1", transaction);
        COMMANDS.put("UIDL", transaction);
        COMMANDS.put("UIDL 1", transaction);
    }


    Account account;

    @BeforeAll
    void account() {
        account = fixtures.account("state@example.test", "pw");
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-1.eml"));
    }

    @Test
    void everyCommandOutsideItsStatesIsRefusedOverTheWire() throws Exception {
        try (Pop3Client client = Pop3Client.tls(server.port("pop3s"))) {
            for (Pop3State state : new Pop3State[] {Pop3State.AUTHORIZATION, Pop3State.TRANSACTION}) {
                if (state == Pop3State.TRANSACTION) {
                    client.login(account.address(), "pw");
                }
                for (Map.Entry<String, Set<Pop3State>> command : COMMANDS.entrySet()) {
                    if (command.getValue().contains(state)) {
                        continue;
                    }
                    String keyword = command.getKey().split(" ")[0];
                    assertThat(client.command(command.getKey())).as("%s in %s", command.getKey(), state)
                            .isEqualTo("-ERR " + keyword + " is not valid in the " + state + " state");
                }
                assertThat(client.command("CAPA")).as("the session goes on").startsWith("+OK");
                client.readMultiLine();
            }
            assertThat(client.command("STAT")).isEqualTo("+OK 1 120");
        }
    }

    @Test
    void nothingIsAnsweredAfterQuitInTheUpdateState() throws Exception {
        try (Pop3Client client = Pop3Client.tls(server.port("pop3s")).login(account.address(), "pw")) {
            client.write("QUIT\r\nSTAT\r\nNOOP\r\n");
            assertThat(client.readLine()).startsWith("+OK pop.example.test POP3 server signing off");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void theStateTableRefusesEveryCommandOutsideItsStatesAndEverythingInUpdate() throws Exception {
        MessageNumber one = new MessageNumber(1);
        Map<Pop3Command, Set<Pop3State>> commands = Map.ofEntries(
                Map.entry(new Pop3Command.User("u"), Set.of(Pop3State.AUTHORIZATION)),
                Map.entry(new Pop3Command.Pass("p"), Set.of(Pop3State.AUTHORIZATION)),
                Map.entry(new Pop3Command.Apop("u", "0123456789abcdef0123456789abcdef"), Set.of(Pop3State.AUTHORIZATION)),
                Map.entry(new Pop3Command.Auth("PLAIN", null), Set.of(Pop3State.AUTHORIZATION)),
                Map.entry(new Pop3Command.Stls(), Set.of(Pop3State.AUTHORIZATION)),
                Map.entry(new Pop3Command.Capa(), Set.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Quit(), Set.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Stat(), Set.of(Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.List(null), Set.of(Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Retr(one), Set.of(Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Dele(one), Set.of(Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Noop(), Set.of(Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Rset(), Set.of(Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Top(one, 1), Set.of(Pop3State.TRANSACTION)),
                Map.entry(new Pop3Command.Uidl(null), Set.of(Pop3State.TRANSACTION)));
        assertThat(commands).hasSize(Pop3Command.class.getPermittedSubclasses().length);
        for (Map.Entry<Pop3Command, Set<Pop3State>> entry : commands.entrySet()) {
            for (Pop3State state : Pop3State.values()) {
                boolean refused;
                try {
                    Pop3StateTable.check(state, entry.getKey());
                    refused = false;
                } catch (Pop3Exception e) {
                    refused = true;
                    assertThat(e.response().text()).contains(entry.getKey().keyword()).contains(state.name());
                }
                assertThat(refused).as("%s in %s", entry.getKey().keyword(), state)
                        .isEqualTo(!entry.getValue().contains(state));
            }
        }
    }
}
