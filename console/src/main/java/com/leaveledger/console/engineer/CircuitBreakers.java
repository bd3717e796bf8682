package com.leaveledger.console.engineer;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The circuit breakers' states as notification-saga publishes them on {@code /actuator/prometheus}
 * ({@code resilience4j_circuitbreaker_state{name=…,state=…} 1.0} for the state each breaker is in): the one public
 * HTTP view of them.
 */
final class CircuitBreakers {

    private static final Pattern STATE = Pattern.compile(
            "^resilience4j_circuitbreaker_state\\{([^}]*)\\}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private CircuitBreakers() {
    }

    /** Breaker name → state (closed, open, half_open, …), sorted by name. */
    static Map<String, String> states(String exposition) {
        Map<String, String> states = new TreeMap<>();
        Matcher line = STATE.matcher(exposition);
        while (line.find()) {
            if (Double.parseDouble(line.group(2)) < 1.0) {
                continue;
            }
            String name = null;
            String state = null;
            Matcher label = LABEL.matcher(line.group(1));
            while (label.find()) {
                if (label.group(1).equals("name")) {
                    name = label.group(2);
                } else if (label.group(1).equals("state")) {
                    state = label.group(2);
                }
            }
            if (name != null && state != null) {
                states.put(name, state);
            }
        }
        return states;
    }
}
