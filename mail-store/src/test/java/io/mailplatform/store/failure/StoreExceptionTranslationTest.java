package io.mailplatform.store.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.event.MailboxEventPublisher;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.ContentCache;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.SearchIndexProperties;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.RealInfrastructure;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Store beans throw store exceptions, on real failures of a real PostgreSQL: a statement cancelled
 * by its timeout, a database that cannot be reached; a bug passes through as it is.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class StoreExceptionTranslationTest {
    @Autowired
    StoreTransactions transactions;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StoreProperties properties;

    @Test
    void storeBeansAreProxied() {
        assertThat(AopUtils.isAopProxy(mailboxes)).isTrue();
        assertThat(AopUtils.isAopProxy(transactions)).isTrue();
    }

    @Test
    void aStatementCancelledByItsTimeoutIsAStoreTimeout() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            jdbc.sql("SELECT set_config('statement_timeout', '50ms', true)").query().singleValue();
            return jdbc.sql("SELECT pg_sleep(5)").query().singleValue();
        })).isInstanceOf(StoreTimeoutException.class);
        // the transaction was rolled back and the connection is fine for the next work
        assertThat(transactions.inTransaction(() -> jdbc.sql("SELECT 1").query(Integer.class).single())).isEqualTo(1);
    }

    @Test
    void aBugIsNotMistakenForAnOutage() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> jdbc.sql("SELECT * FROM no_such_table").query().listOfRows()))
                .isInstanceOf(BadSqlGrammarException.class);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/mail");
        MailboxEventPublisher none = event -> { };
        MailboxService unreachable = (MailboxService) new StoreExceptionTranslation().postProcessAfterInitialization(
                new MailboxService(JdbcClient.create(dataSource),
                        new TransactionTemplate(new DataSourceTransactionManager(dataSource)), none,
                        ContentCache.disabled(), properties,
                        new SearchIndexProperties(true, Duration.ofSeconds(10), Duration.ofSeconds(5), 100)),
                "mailboxService");
        assertThatThrownBy(() -> unreachable.mailboxes(1)).isInstanceOf(StoreUnavailableException.class);
        // a write begins a transaction first: that failure is translated too
        Mailbox somewhere = new Mailbox(1, 1, "INBOX", 1, 2, 1, null, true);
        assertThatThrownBy(() -> unreachable.setFlags(somewhere, List.of(1L), FlagMode.ADD, MessageFlags.of(List.of("\\Seen"))))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
