package com.leaveledger.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's own OpenTelemetry tracing on the OpenTelemetry SDK that Spring Boot builds for Micrometer Tracing
 * (docs/adr/0042). Axon's {@link OpenTelemetrySpanFactory} writes the W3C trace context ({@code traceparent}) into
 * the metadata of every command and event it dispatches, and starts a span per handled message whose parent it reads
 * from there: the HTTP request's trace goes on into the events the command applied, their Kafka records' headers
 * ({@code axon-metadata-traceparent}), and the projections and the saga that handle them. Axon's own
 * auto-configuration would build the factory on {@code GlobalOpenTelemetry}, which Spring Boot does not set: its
 * spans would go nowhere and carry no trace id into the log lines.
 * <p>
 * Whether a span is exported is Spring Boot's business: {@code management.otlp.tracing.endpoint} switches the OTLP
 * exporter on, {@code management.tracing.sampling.probability} samples (docs/observability.md, "Tracing").
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
        beforeName = {"org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration"})
@ConditionalOnClass({OpenTelemetrySpanFactory.class, OpenTelemetry.class})
public class LedgerTracingAutoConfiguration {

    /** The instrumentation scope of Axon's spans. */
    static final String SCOPE = "AxonFramework-OpenTelemetry";

    @Bean
    @ConditionalOnBean(OpenTelemetry.class)
    @ConditionalOnMissingBean(SpanFactory.class)
    SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer(SCOPE))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }
}
