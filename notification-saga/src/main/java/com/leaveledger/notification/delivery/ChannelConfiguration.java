package com.leaveledger.notification.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.NotificationProperties;
import com.leaveledger.notification.channel.ChannelSender;
import com.leaveledger.notification.channel.HttpJsonSender;
import com.leaveledger.notification.channel.HttpProviderClient;
import com.leaveledger.notification.channel.SimulatedSender;
import com.leaveledger.notification.channel.email.SmtpEmailSender;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The channels deliveries go through: each provider's sender (SMTP, HTTP, or simulated, per
 * {@code ledger.notifications.<channel>.type}) behind its Resilience4j retry, circuit breaker, bulkhead and rate
 * limiter ({@link ResilientChannel}); the registries, with their metrics, are {@link ResilienceConfiguration}'s.
 * Each provider call is a span of the notification's trace ({@link ProviderCallTracing}).
 */
@Configuration(proxyBeanMethods = false)
public class ChannelConfiguration {

    @Bean
    Map<Channel, ResilientChannel> resilientChannels(NotificationProperties properties,
                                                     ObjectProvider<JavaMailSender> mailSender, ObjectMapper json,
                                                     ScheduledExecutorService deliveryTimer,
                                                     CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
                                                     BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters,
                                                     ObjectProvider<Tracer> tracer,
                                                     ObjectProvider<Propagator> propagator) {
        ProviderCallTracing tracing = new ProviderCallTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
        HttpProviderClient http = new HttpProviderClient(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build(), json, properties.callTimeout());
        NotificationProperties.Email email = properties.email();
        NotificationProperties.HttpProvider sms = properties.sms();
        NotificationProperties.HttpProvider push = properties.push();
        Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
        senders.put(Channel.EMAIL, email.smtp()
                ? new SmtpEmailSender(mailSender.getObject(), smtpExecutor(email), email.from())
                : simulated("email", email, deliveryTimer));
        senders.put(Channel.SMS, sms.http()
                ? HttpJsonSender.sms(http, required(sms, "sms")) : simulated("sms", sms, deliveryTimer));
        senders.put(Channel.PUSH, push.http()
                ? HttpJsonSender.push(http, required(push, "push")) : simulated("push", push, deliveryTimer));
        Map<Channel, NotificationProperties.Provider> providers = Map.of(Channel.EMAIL, email, Channel.SMS, sms,
                Channel.PUSH, push);
        Map<Channel, ResilientChannel> channels = new EnumMap<>(Channel.class);
        senders.forEach((channel, sender) -> {
            NotificationProperties.Resilience r = providers.get(channel).resilience();
            String name = channel.name().toLowerCase(Locale.ROOT);
            channels.put(channel, new ResilientChannel(channel, sender,
                    retries.retry(name, RetryConfig.custom()
                            .maxAttempts(r.maxAttempts())
                            .intervalFunction(IntervalFunction.ofExponentialBackoff(r.initialWait(), r.multiplier(),
                                    r.maxWait()))
                            .retryOnException(e -> !ResilientChannel.isPermanent(e))
                            .build()),
                    circuitBreakers.circuitBreaker(name, CircuitBreakerConfig.custom()
                            .failureRateThreshold(r.failureRateThreshold())
                            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                            .slidingWindowSize(r.slidingWindowSize())
                            .minimumNumberOfCalls(r.minimumNumberOfCalls())
                            .waitDurationInOpenState(r.waitInOpenState())
                            .permittedNumberOfCallsInHalfOpenState(5)
                            .automaticTransitionFromOpenToHalfOpenEnabled(true)
                            .recordException(e -> !ResilientChannel.isPermanent(e))
                            .build()),
                    rateLimiters.rateLimiter(name, RateLimiterConfig.custom()
                            .limitForPeriod(r.callsPerSecond())
                            .limitRefreshPeriod(Duration.ofSeconds(1))
                            .timeoutDuration(r.rateLimitTimeout())
                            .build()),
                    bulkheads.bulkhead(name, BulkheadConfig.custom()
                            .maxConcurrentCalls(r.maxConcurrentCalls())
                            .maxWaitDuration(Duration.ZERO)
                            .build()),
                    properties.callTimeout(), deliveryTimer, tracing));
        });
        return channels;
    }

    private static SimulatedSender simulated(String name, NotificationProperties.Provider provider,
                                             ScheduledExecutorService timer) {
        return new SimulatedSender(name, provider.simulated().latency(), provider.simulated().failureRate(), timer);
    }

    private static URI required(NotificationProperties.HttpProvider provider, String name) {
        if (provider.url() == null) {
            throw new IllegalStateException("ledger.notifications." + name + ".url is required for type http");
        }
        return provider.url();
    }

    private static ThreadPoolExecutor smtpExecutor(NotificationProperties.Email email) {
        return new ThreadPoolExecutor(email.threads(), email.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(email.queueCapacity()), DeliveryConfiguration.threads("smtp"),
                new ThreadPoolExecutor.AbortPolicy());
    }
}
