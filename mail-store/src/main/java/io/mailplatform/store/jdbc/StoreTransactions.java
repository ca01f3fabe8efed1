package io.mailplatform.store.jdbc;

import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several store calls as one transaction, for callers outside the store (a delivery batch and the
 * DSNs it produces commit together). Being a store service, its failures, those of beginning and
 * committing the transaction included, reach the caller as store exceptions.
 */
@Service
public class StoreTransactions {
    private final TransactionTemplate transactions;

    public StoreTransactions(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code work} in a transaction (joining the caller's, if any); any exception rolls it back. */
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
