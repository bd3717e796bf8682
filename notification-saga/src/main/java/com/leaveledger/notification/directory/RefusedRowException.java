package com.leaveledger.notification.directory;

import java.sql.SQLException;

/** The database refused one event's row for its data: that event is dead-lettered, the batch goes on. */
public class RefusedRowException extends RuntimeException {

    public RefusedRowException(String message, SQLException cause) {
        super(message, cause);
    }
}
