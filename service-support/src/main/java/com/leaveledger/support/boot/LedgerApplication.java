package com.leaveledger.support.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Leave Ledger service the way every service's {@code main} does. */
public final class LedgerApplication {

    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    private LedgerApplication() {
    }

    /**
     * No phoning home from an HR system: AxonIQ's update checker stays off unless explicitly enabled (a system property
     * set on the command line wins).
     */
    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        System.setProperty(UPDATE_CHECKER_DISABLED, System.getProperty(UPDATE_CHECKER_DISABLED, "true"));
        return SpringApplication.run(application, args);
    }
}
