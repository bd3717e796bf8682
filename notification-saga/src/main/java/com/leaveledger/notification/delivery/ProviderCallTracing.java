package com.leaveledger.notification.delivery;

import com.leaveledger.notification.channel.OutgoingMessage;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client span per provider call, through Micrometer Tracing: a child of the trace context the message travels in
 * (that of the command which registered the delivery, so of the HTTP request behind it), or a new trace without one.
 * The call's own context, in the W3C headers of the service's propagator ({@code traceparent}), is what the senders
 * hand to the provider (HTTP request headers, email headers). The provider client is the JDK's asynchronous
 * {@code HttpClient}, which Spring's observation instrumentation does not cover, and the call runs on the thread the
 * rate limiter or the retry scheduled it on, so the context is passed with the message, not taken from the thread.
 */
public final class ProviderCallTracing {

    /** No spans, no headers: where Micrometer Tracing is absent. */
    public static final ProviderCallTracing NONE = new ProviderCallTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public ProviderCallTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A started provider call: its span, and the message in the span's trace context. */
    public record Call(Span span, OutgoingMessage message) {

        /** The call's trace id, or null without a trace. */
        public String traceId() {
            String id = span.context().traceId();
            return id == null || id.isEmpty() ? null : id;
        }

        public void end(Throwable error) {
            if (error != null) {
                span.error(error);
            }
            span.end();
        }
    }

    /** Starts the span of one attempt to hand {@code message} to its provider. */
    public Call start(OutgoingMessage message, int attempt) {
        Span span = propagator.extract(message.traceContext(), Map::get)
                .name(message.channel().name().toLowerCase(Locale.ROOT) + " provider call")
                .kind(Span.Kind.CLIENT)
                .tag("delivery.id", message.idempotencyKey())
                .tag("attempt", Integer.toString(attempt))
                .start();
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return new Call(span, message.withTraceContext(headers));
    }
}
