package com.leaveledger.notification;

import com.leaveledger.kernel.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.notifications.*}: every knob of the notification saga, validated at start-up; each is documented
 * once, in {@code application.yml}. Settings only, one tree: the wiring that reads them is in the configurations of
 * the packages they configure.
 *
 * @param instanceId        owner of the deliveries this instance drives; blank means {@code notification-saga-<uuid>}
 * @param lease             how long an instance owns a delivery it drives
 * @param recoveryInterval  how often abandoned deliveries are looked for
 * @param callTimeout       longest wait for one provider call
 * @param outcomeBatchSize  outcomes written per transaction
 * @param outcomeLinger     how long a batch of outcomes waits after its first outcome for more (docs/adr/0024)
 * @param directoryCacheTtl how long a directory entry is trusted before it is read again
 * @param dispatchThreads   threads that look recipients up and hand messages to the providers
 * @param timerThreads      threads that time retries, rate-limit waits and simulated latency
 * @param inboxStart        where the inbox starts on its very first run: {@code tail} or {@code head}
 * @param kafkaBatchSize    Kafka records per transaction of the inbox and the directory
 * @param sagaSegments      segments (= threads) of the saga's processor
 * @param sagaBatchSize     events per transaction of the saga's processor
 */
@Validated
@ConfigurationProperties("ledger.notifications")
public record NotificationProperties(
        String instanceId,
        @NotNull @DurationMin(millis = 1) @DefaultValue("5m") Duration lease,
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration recoveryInterval,
        @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration callTimeout,
        @Min(1) @DefaultValue("500") int outcomeBatchSize,
        @NotNull @DurationMin(millis = 0) @DefaultValue("20ms") Duration outcomeLinger,
        @NotNull @DurationMin(millis = 0) @DefaultValue("60s") Duration directoryCacheTtl,
        @Min(1) @DefaultValue("2") int dispatchThreads,
        @Min(1) @DefaultValue("2") int timerThreads,
        @NotNull @Pattern(regexp = "(?i)tail|head") @DefaultValue("tail") String inboxStart,
        @Min(1) @DefaultValue("200") int kafkaBatchSize,
        @Min(1) @DefaultValue("8") int sagaSegments,
        @Min(1) @DefaultValue("400") int sagaBatchSize,
        @Valid @NotNull @DefaultValue DeadLetters deadLetters,
        @Valid @NotNull @DefaultValue Email email,
        @Valid @NotNull @DefaultValue HttpProvider sms,
        @Valid @NotNull @DefaultValue HttpProvider push) {

    /** Whether the inbox starts at the topic's head on its first run (only new events). */
    public boolean inboxFromHead() {
        return "head".equalsIgnoreCase(inboxStart);
    }

    /**
     * @param topic           topic every dead letter is published to, with its cause
     * @param publishInterval how often unpublished dead letters are published
     */
    public record DeadLetters(@NotBlank @DefaultValue(Topics.NOTIFICATIONS_DLQ) String topic,
                              @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration publishInterval) {
    }

    /** A provider: its kind, the simulation knobs, and the resilience settings for its quota and failures. */
    public sealed interface Provider permits Email, HttpProvider {

        /** {@code simulated} (in-process) or the real kind ({@code smtp} for email, {@code http} for SMS and push). */
        String type();

        Simulated simulated();

        Resilience resilience();
    }

    /**
     * @param from          sender address of every email
     * @param threads       SMTP connections at most (threads of the bounded send executor)
     * @param queueCapacity emails waiting for an SMTP thread at most; beyond, sends are refused (and retried)
     */
    public record Email(@NotNull @Pattern(regexp = "(?i)simulated|smtp") @DefaultValue("simulated") String type,
                        @NotBlank @DefaultValue("leave-ledger@example.com") String from,
                        @Min(1) @DefaultValue("16") int threads,
                        @Min(1) @DefaultValue("10000") int queueCapacity,
                        @Valid @NotNull @DefaultValue Simulated simulated,
                        @Valid @NotNull @DefaultValue Resilience resilience) implements Provider {

        public boolean smtp() {
            return "smtp".equalsIgnoreCase(type);
        }
    }

    /** @param url the provider's endpoint (required with type {@code http}) */
    public record HttpProvider(@NotNull @Pattern(regexp = "(?i)simulated|http") @DefaultValue("simulated") String type,
                               URI url,
                               @Valid @NotNull @DefaultValue Simulated simulated,
                               @Valid @NotNull @DefaultValue Resilience resilience) implements Provider {

        public boolean http() {
            return "http".equalsIgnoreCase(type);
        }
    }

    /**
     * @param latency     time every simulated call takes
     * @param failureRate share of simulated calls that fail (retryably), 0..1
     */
    public record Simulated(@NotNull @DurationMin(millis = 0) @DefaultValue("300ms") Duration latency,
                            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.0") double failureRate) {
    }

    /**
     * Resilience4j's settings for one provider.
     *
     * @param maxAttempts           attempts in all, the first included (6: waits of 1, 2, 4, 8, 16 s in between)
     * @param initialWait           the first backoff
     * @param multiplier            each backoff is this times the previous one
     * @param maxWait               the longest backoff
     * @param failureRateThreshold  failure rate (%) over the window that opens the circuit
     * @param slidingWindowSize     calls in the circuit breaker's sliding window
     * @param minimumNumberOfCalls  calls before the failure rate counts
     * @param waitInOpenState       how long an open circuit stays open before a few trial calls
     * @param maxConcurrentCalls    calls in flight at most (bulkhead)
     * @param callsPerSecond        the provider's quota: calls per second
     * @param rateLimitTimeout      longest wait for a rate-limit permit before the attempt counts as refused
     */
    public record Resilience(@Min(1) @DefaultValue("6") int maxAttempts,
                             @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration initialWait,
                             @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
                             @NotNull @DurationMin(millis = 1) @DefaultValue("16s") Duration maxWait,
                             @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("100.0") @DefaultValue("50")
                             float failureRateThreshold,
                             @Min(1) @DefaultValue("100") int slidingWindowSize,
                             @Min(1) @DefaultValue("20") int minimumNumberOfCalls,
                             @NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration waitInOpenState,
                             @Min(1) @DefaultValue("1000") int maxConcurrentCalls,
                             @Min(1) @DefaultValue("5000") int callsPerSecond,
                             @NotNull @DurationMin(millis = 0) @DefaultValue("5s") Duration rateLimitTimeout) {
    }
}
