package com.leaveledger.notification;

import com.leaveledger.kernel.Topics;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ledger.notifications.*}: every knob of the notification saga; documented in application.yml. */
@ConfigurationProperties("ledger.notifications")
public class NotificationProperties {

    /** Names this instance as owner of the deliveries it drives; unique per running instance. */
    private String instanceId;
    /** How long an instance owns a delivery it drives before another may take it over. */
    private Duration lease = Duration.ofMinutes(5);
    /** How often abandoned deliveries (owner stopped or crashed) are looked for. */
    private Duration recoveryInterval = Duration.ofSeconds(10);
    /** Longest wait for one provider call. */
    private Duration callTimeout = Duration.ofSeconds(10);
    /** Outcomes written per transaction. */
    private int outcomeBatchSize = 500;
    /** How long a batch of outcomes waits after its first outcome for more (fewer durable commits; docs/adr/0024). */
    private Duration outcomeLinger = Duration.ofMillis(20);
    /** How long a directory entry is trusted before it is read again. */
    private Duration directoryCacheTtl = Duration.ofSeconds(60);
    /** Threads that look recipients up and hand messages to the providers (the calls themselves are async). */
    private int dispatchThreads = 2;
    /** Threads that time retries, rate-limit waits and simulated latency. */
    private int timerThreads = 2;
    /** Where the inbox starts on its very first run: tail (the topic's beginning) or head (only new events). */
    private String inboxStart = "tail";
    /** Kafka records per transaction of the inbox and the directory. */
    private int kafkaBatchSize = 200;
    /** Segments (= threads) of the saga's processor. */
    private int sagaSegments = 8;
    /** Events per transaction of the saga's processor. */
    private int sagaBatchSize = 400;
    private final DeadLetters deadLetters = new DeadLetters();
    private final Email email = new Email();
    private final HttpProvider sms = new HttpProvider();
    private final HttpProvider push = new HttpProvider();

    public static class DeadLetters {
        /** Topic every dead letter is published to, with its cause. */
        private String topic = Topics.NOTIFICATIONS_DLQ;
        /** How often unpublished dead letters are published. */
        private Duration publishInterval = Duration.ofSeconds(1);

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public Duration getPublishInterval() {
            return publishInterval;
        }

        public void setPublishInterval(Duration publishInterval) {
            this.publishInterval = publishInterval;
        }
    }

    /** A provider: its kind, the simulation knobs, and the resilience settings for its quota and failures. */
    public static class Provider {
        /** {@code simulated} (in-process, latency and failure-rate knobs) or the real kind (smtp, http). */
        private String type = "simulated";
        private final Simulated simulated = new Simulated();
        private final Resilience resilience = new Resilience();

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public Simulated getSimulated() {
            return simulated;
        }

        public Resilience getResilience() {
            return resilience;
        }
    }

    public static class Email extends Provider {
        /** Sender address of every email. */
        private String from = "leave-ledger@example.com";
        /** SMTP connections at most (threads of the bounded send executor). */
        private int threads = 16;
        /** Emails waiting for an SMTP thread at most; beyond, sends are refused (and retried). */
        private int queueCapacity = 10_000;

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }
    }

    public static class HttpProvider extends Provider {
        /** The provider's endpoint (type http). */
        private URI url;

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }
    }

    public static class Simulated {
        /** Time every simulated call takes. */
        private Duration latency = Duration.ofMillis(300);
        /** Share of simulated calls that fail (retryably), 0..1. */
        private double failureRate = 0.0;

        public Duration getLatency() {
            return latency;
        }

        public void setLatency(Duration latency) {
            this.latency = latency;
        }

        public double getFailureRate() {
            return failureRate;
        }

        public void setFailureRate(double failureRate) {
            this.failureRate = failureRate;
        }
    }

    public static class Resilience {
        /** Attempts in all, the first included (6: waits of 1, 2, 4, 8, 16 s in between). */
        private int maxAttempts = 6;
        private Duration initialWait = Duration.ofSeconds(1);
        private double multiplier = 2.0;
        private Duration maxWait = Duration.ofSeconds(16);
        /** Failure rate (%) over the window that opens the circuit. */
        private float failureRateThreshold = 50;
        /** Calls in the circuit breaker's sliding window. */
        private int slidingWindowSize = 100;
        /** Calls before the failure rate counts. */
        private int minimumNumberOfCalls = 20;
        /** How long an open circuit stays open before a few trial calls. */
        private Duration waitInOpenState = Duration.ofSeconds(30);
        /** Calls in flight at most (bulkhead). */
        private int maxConcurrentCalls = 1000;
        /** The provider's quota: calls per second. */
        private int callsPerSecond = 5000;
        /** Longest wait for a rate-limit permit before the attempt counts as refused (and is retried). */
        private Duration rateLimitTimeout = Duration.ofSeconds(5);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialWait() {
            return initialWait;
        }

        public void setInitialWait(Duration initialWait) {
            this.initialWait = initialWait;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getWaitInOpenState() {
            return waitInOpenState;
        }

        public void setWaitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
        }

        public int getMaxConcurrentCalls() {
            return maxConcurrentCalls;
        }

        public void setMaxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
        }

        public int getCallsPerSecond() {
            return callsPerSecond;
        }

        public void setCallsPerSecond(int callsPerSecond) {
            this.callsPerSecond = callsPerSecond;
        }

        public Duration getRateLimitTimeout() {
            return rateLimitTimeout;
        }

        public void setRateLimitTimeout(Duration rateLimitTimeout) {
            this.rateLimitTimeout = rateLimitTimeout;
        }
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getRecoveryInterval() {
        return recoveryInterval;
    }

    public void setRecoveryInterval(Duration recoveryInterval) {
        this.recoveryInterval = recoveryInterval;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public int getOutcomeBatchSize() {
        return outcomeBatchSize;
    }

    public void setOutcomeBatchSize(int outcomeBatchSize) {
        this.outcomeBatchSize = outcomeBatchSize;
    }

    public Duration getOutcomeLinger() {
        return outcomeLinger;
    }

    public void setOutcomeLinger(Duration outcomeLinger) {
        this.outcomeLinger = outcomeLinger;
    }

    public Duration getDirectoryCacheTtl() {
        return directoryCacheTtl;
    }

    public void setDirectoryCacheTtl(Duration directoryCacheTtl) {
        this.directoryCacheTtl = directoryCacheTtl;
    }

    public int getDispatchThreads() {
        return dispatchThreads;
    }

    public void setDispatchThreads(int dispatchThreads) {
        this.dispatchThreads = dispatchThreads;
    }

    public int getTimerThreads() {
        return timerThreads;
    }

    public void setTimerThreads(int timerThreads) {
        this.timerThreads = timerThreads;
    }

    public String getInboxStart() {
        return inboxStart;
    }

    public void setInboxStart(String inboxStart) {
        this.inboxStart = inboxStart;
    }

    public int getKafkaBatchSize() {
        return kafkaBatchSize;
    }

    public void setKafkaBatchSize(int kafkaBatchSize) {
        this.kafkaBatchSize = kafkaBatchSize;
    }

    public int getSagaSegments() {
        return sagaSegments;
    }

    public void setSagaSegments(int sagaSegments) {
        this.sagaSegments = sagaSegments;
    }

    public int getSagaBatchSize() {
        return sagaBatchSize;
    }

    public void setSagaBatchSize(int sagaBatchSize) {
        this.sagaBatchSize = sagaBatchSize;
    }

    public DeadLetters getDeadLetters() {
        return deadLetters;
    }

    public Email getEmail() {
        return email;
    }

    public HttpProvider getSms() {
        return sms;
    }

    public HttpProvider getPush() {
        return push;
    }
}
