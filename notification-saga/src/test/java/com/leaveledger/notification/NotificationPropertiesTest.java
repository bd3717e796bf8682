package com.leaveledger.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.testing.RejectedSetting;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The saga's settings bind with their documented defaults, and a wrong value stops start-up naming it. */
class NotificationPropertiesTest {

    @EnableConfigurationProperties({NotificationProperties.class, ProcessorProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void bindsTheDefaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            NotificationProperties properties = context.getBean(NotificationProperties.class);
            assertThat(properties.lease()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.sagaSegments()).isEqualTo(8);
            assertThat(properties.inboxFromHead()).isFalse();
            assertThat(properties.deadLetters().topic()).isEqualTo("leave-ledger.notifications.dlq");
            assertThat(properties.email().smtp()).isFalse();
            assertThat(properties.sms().resilience().maxAttempts()).isEqualTo(6);
            assertThat(properties.push().resilience().callsPerSecond()).isEqualTo(5000);
            assertThat(properties.push().simulated().latency()).isEqualTo(Duration.ofMillis(300));
            assertThat(context.getBean(ProcessorProperties.class).asyncPositionCommits()).isTrue();
        });
    }

    @Test
    void bindsNestedProviderSettings() {
        runner.withPropertyValues("ledger.notifications.sms.type=http", "ledger.notifications.sms.url=http://sms/send",
                "ledger.notifications.email.resilience.calls-per-second=7", "ledger.notifications.inbox-start=HEAD")
                .run(context -> {
                    NotificationProperties properties = context.getBean(NotificationProperties.class);
                    assertThat(properties.sms().http()).isTrue();
                    assertThat(properties.sms().url()).hasToString("http://sms/send");
                    assertThat(properties.email().resilience().callsPerSecond()).isEqualTo(7);
                    assertThat(properties.inboxFromHead()).isTrue();
                });
    }

    @Test
    void aWrongValueFailsStartUpNamingTheSetting() {
        runner.withPropertyValues("ledger.notifications.sms.simulated.failure-rate=1.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(RejectedSetting.of(context.getStartupFailure()))
                    .isEqualTo("ledger.notifications.sms.simulated.failure-rate");
        });
        runner.withPropertyValues("ledger.notifications.email.type=smpt").run(context ->
                assertThat(RejectedSetting.of(context.getStartupFailure())).isEqualTo("ledger.notifications.email.type"));
        runner.withPropertyValues("ledger.processors.token-claim-interval=0s").run(context ->
                assertThat(RejectedSetting.of(context.getStartupFailure()))
                        .isEqualTo("ledger.processors.token-claim-interval"));
    }
}
