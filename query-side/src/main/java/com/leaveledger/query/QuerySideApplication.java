package com.leaveledger.query;

import com.leaveledger.support.boot.LedgerApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Query side of Leave Ledger: consumes the event stream from Kafka, maintains the read models
 * and serves the query, audit and replay-admin APIs (port 8082).
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        LedgerApplication.run(QuerySideApplication.class, args);
    }
}
