package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.DatabaseOutage;
import io.mailplatform.testsupport.LineClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * While the database cannot be reached, commands that need it get NO [UNAVAILABLE] (the store's
 * translation of whatever JDBC and the pool threw) and the session stays open; once the database
 * is back, the same session carries on.
 */
class StoreOutageTest extends SmallLimitsTestSupport {
    @Autowired
    DataSource dataSource;

    @Test
    void commandsDuringAnOutageAreRefusedAsUnavailableAndTheSessionSurvivesIt() throws Exception {
        Account account = account("outage");
        append(inbox(account), simpleMessage("a@example.test", "before", "body"), Instant.now());
        try (LineClient client = login(account)) {
            assertThat(command(client, "a", "STATUS INBOX (MESSAGES)")).containsExactly(
                    "* STATUS INBOX (MESSAGES 1)", "a OK STATUS completed");
            try (DatabaseOutage outage = DatabaseOutage.begin(dataSource)) {
                assertThat(command(client, "b", "STATUS INBOX (MESSAGES)"))
                        .containsExactly("b NO [UNAVAILABLE] The mail store is unavailable, try again");
                assertThat(command(client, "c", "CREATE Elsewhere"))
                        .containsExactly("c NO [UNAVAILABLE] The mail store is unavailable, try again");
            }
            // the pool reconnects on demand; until it has, the answer stays UNAVAILABLE
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            List<String> status;
            int attempt = 0;
            do {
                status = command(client, "d" + attempt++, "STATUS INBOX (MESSAGES)");
            } while (status.get(status.size() - 1).contains("NO [UNAVAILABLE]") && Instant.now().isBefore(deadline));
            assertThat(status).containsExactly("* STATUS INBOX (MESSAGES 1)", "d" + (attempt - 1) + " OK STATUS completed");
            assertThat(command(client, "e", "CREATE Elsewhere")).singleElement().asString().startsWith("e OK [MAILBOXID (")
                    .endsWith(")] CREATE completed");
        }
    }
}
