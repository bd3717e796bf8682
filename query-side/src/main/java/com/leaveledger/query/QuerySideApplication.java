package com.leaveledger.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Query side of Leave Ledger: consumes the event stream from Kafka, maintains the read models
 * and serves the query, audit and replay-admin APIs (port 8082).
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        // No phoning home from an HR system: AxonIQ's update checker stays off unless explicitly enabled.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
