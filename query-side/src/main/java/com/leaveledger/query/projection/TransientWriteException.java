package com.leaveledger.query.projection;

import java.sql.SQLException;

/**
 * Writing a batch failed for a reason that is not the event's fault (connection, deadlock, schema). Never
 * dead-lettered: the batch rolls back and the processor retries it.
 */
public class TransientWriteException extends RuntimeException {

    public TransientWriteException(String projection, SQLException cause) {
        super("projection " + projection + ": writing the read model failed: " + cause.getMessage()
                + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }
}
