package com.leaveledger.kernel;

/** Keys of the metadata every command and event carries (BRIEF §5.4). */
public final class MetadataKeys {

    /** Id of the HTTP request (or other root cause) the message descends from. */
    public static final String CORRELATION_ID = "correlationId";
    /** Id of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** Who caused it: the JWT subject, or {@code system}. */
    public static final String ACTOR = "actor";
    /**
     * The W3C trace context of the span that dispatched the message ({@code 00-<trace id>-<span id>-<flags>}),
     * written and read by Axon's OpenTelemetry span factory (docs/adr/0042); absent where tracing is off.
     */
    public static final String TRACEPARENT = "traceparent";

    private MetadataKeys() {
    }
}
