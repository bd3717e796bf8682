package com.leaveledger.command.infra;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The event store's transaction manager: reads outside a transaction run on an auto-commit connection instead of
 * in a transaction of their own.
 * <p>
 * The storage engine wraps every read in {@code fetchInTransaction}. Inside a command that joins the command's
 * transaction (unchanged); but the publisher's stream reads the store outside any transaction, hundreds of times a
 * second, and each of those reads began and committed a Spring transaction of its own: a pooled connection switched
 * to manual commit and back, and a COMMIT round trip to PostgreSQL for a read. PostgreSQL's READ COMMITTED takes a
 * new snapshot for every statement inside a transaction as well, so the reads see the same data either way. Writes
 * ({@code executeInTransaction}) always get a transaction. See ADR 0013 addendum.
 */
final class AutoCommitReads implements TransactionManager {

    private final TransactionManager delegate;

    AutoCommitReads(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return delegate.fetchInTransaction(supplier);
        }
        return supplier.get();
    }
}
