package com.leaveledger.support.rules;

/**
 * A refused command or query, in any of the three services. {@link #rule()} is the stable, machine-readable name of
 * the broken rule (it becomes the problem type of the HTTP answer); {@link #kind()} says what sort of refusal it is,
 * and {@code BaseProblemAdvice} turns it into the status. An expected answer, not a fault: it carries no stack trace
 * (a client polling for a request not yet visible gets a 404 each time).
 */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        /** The command or query itself is malformed. */
        INVALID,
        /** The actor may not do this. */
        FORBIDDEN,
        /** What the command refers to does not exist. */
        NOT_FOUND,
        /** It clashes with the current state (another request, a concurrent change, a replay running). */
        CONFLICT,
        /** Well-formed, but a business rule refuses it. */
        UNPROCESSABLE
    }

    private final String rule;
    private final Kind kind;

    public RuleViolation(Kind kind, String rule, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.rule = rule;
    }

    public static RuleViolation invalid(String rule, String message) {
        return new RuleViolation(Kind.INVALID, rule, message);
    }

    public static RuleViolation forbidden(String rule, String message) {
        return new RuleViolation(Kind.FORBIDDEN, rule, message);
    }

    public static RuleViolation notFound(String rule, String message) {
        return new RuleViolation(Kind.NOT_FOUND, rule, message);
    }

    public static RuleViolation conflict(String rule, String message) {
        return new RuleViolation(Kind.CONFLICT, rule, message);
    }

    public static RuleViolation unprocessable(String rule, String message) {
        return new RuleViolation(Kind.UNPROCESSABLE, rule, message);
    }

    public String rule() {
        return rule;
    }

    public Kind kind() {
        return kind;
    }
}
