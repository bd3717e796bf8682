package com.leaveledger.query.projection;

import java.sql.SQLException;

/** The database refused one event's read-model rows (data or constraint error): that event is dead-lettered. */
public class RefusedWriteException extends RuntimeException {

    public RefusedWriteException(String projection, SQLException cause) {
        super("projection " + projection + ": the database refused the event's rows: " + cause.getMessage()
                + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }
}
