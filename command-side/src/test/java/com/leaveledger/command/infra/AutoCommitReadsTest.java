package com.leaveledger.command.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class AutoCommitReadsTest {

    private final List<String> transactions = new ArrayList<>();
    private final TransactionManager recording = () -> {
        transactions.add("begin");
        return new Transaction() {
            @Override
            public void commit() {
                transactions.add("commit");
            }

            @Override
            public void rollback() {
                transactions.add("rollback");
            }
        };
    };
    private final AutoCommitReads reads = new AutoCommitReads(recording);

    @AfterEach
    void leaveNoTransactionBehind() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aReadOutsideATransactionRunsWithoutOne() {
        assertThat(reads.fetchInTransaction(() -> "events")).isEqualTo("events");
        assertThat(transactions).isEmpty();
    }

    @Test
    void aReadInsideACommandsTransactionGoesThroughTheTransactionManager() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        assertThat(reads.fetchInTransaction(() -> "events")).isEqualTo("events");
        assertThat(transactions).containsExactly("begin", "commit");
    }

    @Test
    void writesAlwaysGetATransaction() {
        reads.executeInTransaction(() -> transactions.add("append"));

        assertThat(transactions).containsExactly("begin", "append", "commit");
    }
}
