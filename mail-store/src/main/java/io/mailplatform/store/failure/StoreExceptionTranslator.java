package io.mailplatform.store.failure;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one mapping from what JDBC, Spring and PostgreSQL throw to the store's own exceptions, so
 * that code outside the store never catches a framework type (STYLE.md §5): a cancelled statement
 * becomes {@link StoreTimeoutException}, a failure that may go away by itself
 * {@link StoreUnavailableException}; anything else (a bug, a violated constraint the store did not
 * expect) is passed on unchanged.
 */
public final class StoreExceptionTranslator {
    /** PostgreSQL {@code query_canceled}: statement_timeout expired, or a cancel request. */
    static final String QUERY_CANCELED = "57014";
    /**
     * SQLState classes and codes of failures that may go away by themselves (PostgreSQL Appendix A):
     * connection exception, insufficient resources, operator intervention (shutdown, cannot connect
     * now), serialization failure, deadlock, lock not available.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    private StoreExceptionTranslator() {
    }

    /** The store exception for {@code failure}, or {@code failure} itself when it is none of the above. */
    public static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreTimeoutException || failure instanceof StoreUnavailableException) {
            return failure;
        }
        if (failure instanceof QueryTimeoutException || hasState(failure, QUERY_CANCELED)) {
            return new StoreTimeoutException(failure);
        }
        // a commit or rollback that failed in JDBC: the connection or the server is in trouble (a rollback
        // on a connection the server closed fails with "Connection is closed", without SQLState)
        if (failure instanceof TransientDataAccessException || failure instanceof RecoverableDataAccessException
                || failure instanceof DataAccessResourceFailureException
                || failure instanceof CannotCreateTransactionException || failure instanceof TransactionSystemException
                || transientCause(failure)) {
            return new StoreUnavailableException(failure);
        }
        return failure;
    }

    private static boolean hasState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A JDBC failure of a transient kind anywhere in the chain (e.g. under a failed commit). */
    private static boolean transientCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && (TRANSIENT_CLASSES.contains(sql.getSQLState().substring(0, 2))
                            || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
