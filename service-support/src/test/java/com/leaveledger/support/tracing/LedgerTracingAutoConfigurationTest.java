package com.leaveledger.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class LedgerTracingAutoConfigurationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    /** Spring Boot's tracing set up as in a service: a real application, whose start hooks the log context in. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ObservationAutoConfiguration.class, OpenTelemetryAutoConfiguration.class,
            OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
            LedgerTracingAutoConfiguration.class})
    static class Service {
    }

    @Test
    void axonHandlesAMessageInTheTraceOfItsMetadataWithTheTraceIdInTheLogContext() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
                .web(WebApplicationType.NONE).properties("management.tracing.sampling.probability=1.0").run()) {
            SpanFactory spans = context.getBean(SpanFactory.class);
            assertThat(spans).isInstanceOf(OpenTelemetrySpanFactory.class);
            EventMessage<?> event = GenericEventMessage.asEventMessage("handled")
                    .andMetaData(Map.of("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01"));
            AtomicReference<String> logContext = new AtomicReference<>();
            AtomicReference<EventMessage<?>> published = new AtomicReference<>();

            spans.createChildHandlerSpan(() -> "handle", event).run(() -> {
                logContext.set(MDC.get("traceId"));
                published.set(spans.propagateContext(GenericEventMessage.asEventMessage("published")));
            });

            // a log line written while the event is handled names the trace of the message's metadata
            assertThat(logContext.get()).isEqualTo(TRACE_ID);
            // and what the handler publishes carries the same trace on, from the handler's own span
            assertThat(published.get().getMetaData().get("traceparent")).asString()
                    .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01")
                    .doesNotContain(CALLER_SPAN);
            assertThat(MDC.get("traceId")).isNull();
        }
    }

    @Test
    void withoutSpringBootsOpenTelemetryItLeavesAxonAlone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LedgerTracingAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(SpanFactory.class));
    }
}
