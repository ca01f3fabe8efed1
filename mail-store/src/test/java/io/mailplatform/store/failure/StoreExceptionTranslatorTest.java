package io.mailplatform.store.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class StoreExceptionTranslatorTest {

    private static RuntimeException translate(RuntimeException e) {
        return StoreExceptionTranslator.translate(e);
    }

    @Test
    void aCancelledStatementIsATimeoutWhateverSpringCalledIt() {
        PSQLException canceled = new PSQLException("ERROR: canceling statement due to statement timeout",
                PSQLState.QUERY_CANCELED);
        // Spring's SQLState fallback files class 57 under resource failures
        assertThat(translate(new DataAccessResourceFailureException("search", canceled)))
                .isInstanceOf(StoreTimeoutException.class).hasRootCause(canceled);
        assertThat(translate(new UncategorizedSQLException("search", "SELECT", canceled)))
                .isInstanceOf(StoreTimeoutException.class);
        assertThat(translate(new QueryTimeoutException("JDBC query timeout"))).isInstanceOf(StoreTimeoutException.class);
    }

    @Test
    void failuresThatGoAwayByThemselvesMeanUnavailable() {
        assertThat(translate(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool timeout")))).isInstanceOf(StoreUnavailableException.class);
        assertThat(translate(new CannotCreateTransactionException("no connection for the transaction")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(translate(new CannotAcquireLockException("lock timeout"))).isInstanceOf(StoreUnavailableException.class);
        // a commit or rollback on a connection the server closed
        assertThat(translate(new TransactionSystemException("JDBC commit failed",
                new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(translate(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))))
                .isInstanceOf(StoreUnavailableException.class);
        for (String state : new String[] {"40001", "40P01", "55P03", "53300", "57P01", "08006"}) {
            assertThat(translate(new UncategorizedSQLException("x", "SELECT", new SQLException("x", state))))
                    .as(state).isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void bugsAndConstraintViolationsPassUnchanged() {
        RuntimeException grammar = new BadSqlGrammarException("x", "SELECT nothing", new SQLException("x", "42P01"));
        RuntimeException duplicate = new DuplicateKeyException("duplicate", new SQLException("dup", "23505"));
        RuntimeException integrity = new DataIntegrityViolationException("fk");
        RuntimeException other = new IllegalStateException("a bug");
        assertThat(translate(grammar)).isSameAs(grammar);
        assertThat(translate(duplicate)).isSameAs(duplicate);
        assertThat(translate(integrity)).isSameAs(integrity);
        assertThat(translate(other)).isSameAs(other);
    }

    @Test
    void storeExceptionsAreLeftAsTheyAre() {
        RuntimeException unavailable = new StoreUnavailableException(new SQLTransientConnectionException("x"));
        RuntimeException timeout = new StoreTimeoutException(new SQLException("x", "57014"));
        assertThat(translate(unavailable)).isSameAs(unavailable);
        assertThat(translate(timeout)).isSameAs(timeout);
    }

    @Test
    void onlyTheStoresRepositoriesAndServicesAreProxied() {
        assertThat(StoreExceptionTranslation.isStoreEdge(io.mailplatform.store.mailbox.MailboxService.class)).isTrue();
        assertThat(StoreExceptionTranslation.isStoreEdge(io.mailplatform.store.search.MessageSearch.class)).isTrue();
        assertThat(StoreExceptionTranslation.isStoreEdge(io.mailplatform.store.secret.SecretCipher.class)).isFalse();
        assertThat(StoreExceptionTranslation.isStoreEdge(io.mailplatform.store.config.MailStoreConfiguration.class)).isFalse();
        assertThat(StoreExceptionTranslation.isStoreEdge(String.class)).isFalse();
    }
}
