package com.leaveledger.console.signin;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is signed in: the employee id ({@code sub}), the roles the token grants, the bearer token itself (kept in the
 * session on the server, sent only to the services) and when it expires.
 */
public record ConsoleUser(String id, Set<String> roles, String token, Instant expiresAt) implements Serializable {

    /** The roles the ledger knows, in the order the console's navigation shows their pages. */
    public static final List<String> ROLES = List.of("EMPLOYEE", "MANAGER", "HR", "COMPLIANCE", "ENGINEER");

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** The first page this user may see. */
    public String home() {
        if (has("EMPLOYEE")) {
            return "/employee";
        }
        if (has("MANAGER")) {
            return "/manager";
        }
        if (has("HR")) {
            return "/hr";
        }
        if (has("COMPLIANCE")) {
            return "/compliance";
        }
        if (has("ENGINEER")) {
            return "/engineer";
        }
        return "/signin?noPage";
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + id + " " + roles + "]";
    }
}
