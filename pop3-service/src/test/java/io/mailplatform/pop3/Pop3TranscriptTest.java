package io.mailplatform.pop3;

import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.ApopSecrets;
import io.mailplatform.testsupport.Transcript;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every transcript in {@code transcripts/pop3} over a real socket: against the service
 * (listener {@code pop3}, TLS by STLS), or with {@code @listener rfc1939} against a server set up
 * like the examples of RFC 1939 (named dewey, the greeting timestamp of §7, USER/PASS allowed
 * without TLS). Each account is used by the transcripts that expect its messages.
 */
class Pop3TranscriptTest extends Pop3ServerTest {
    private static final String RFC1939_TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";

    Pop3Server rfc1939;

    @BeforeAll
    void accountsAndMessages() {
        for (String[] account : new String[][] {{"mrose", "mrose-login"}, {"frood", "frood-pw"}, {"alice", "alice-pw"},
                {"errors", "errors-pw"}, {"sasl", "sasl-pw"}}) {
            Account created = fixtures.account(account[0] + "@example.test", account[1]);
            fixtures.deliver(created, Pop3Fixtures.message("rfc1939-message-1.eml"));
            fixtures.deliver(created, Pop3Fixtures.message("rfc1939-message-2.eml"));
        }
        fixtures.bean(ApopSecrets.class).set("mrose@example.test", "tanstaaf");
        fixtures.account("nosecret@example.test", "nosecret-pw");
        Account stuffer = fixtures.account("stuffer@example.test", "stuffer-pw");
        fixtures.deliver(stuffer, Pop3Fixtures.message("dotted.eml"));
        fixtures.deliver(stuffer, Pop3Fixtures.message("no-final-crlf.eml"));
        Account bareLf = fixtures.account("barelf@example.test", "barelf-pw");
        fixtures.deliver(bareLf, Pop3Fixtures.message("bare-lf.eml"));
        rfc1939 = fixtures.startServer(Pop3Fixtures.settings().hostname("dewey").allowPlaintextAuth()
                .timestamp(RFC1939_TIMESTAMP));
    }

    @TestFactory
    Stream<DynamicTest> transcripts() {
        return Transcript.tests("transcripts/pop3", listener -> "rfc1939".equals(listener) ? rfc1939.port("pop3")
                : server.port(listener == null ? "pop3" : listener));
    }
}
