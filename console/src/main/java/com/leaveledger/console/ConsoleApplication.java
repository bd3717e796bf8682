package com.leaveledger.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console (ADR 0039): server-rendered pages for employees, managers, compliance staff and engineers, built
 * on the three services' public HTTP APIs only. The user's bearer token lives in the HTTP session, never in the
 * browser.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
