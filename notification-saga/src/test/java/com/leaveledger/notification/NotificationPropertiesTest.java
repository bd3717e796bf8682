package com.leaveledger.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.testing.SettingsTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The saga's settings bind with their documented defaults, and a wrong value stops start-up naming it. */
class NotificationPropertiesTest extends SettingsTest {

    @EnableConfigurationProperties({NotificationProperties.class, ProcessorProperties.class})
    static class Settings {
    }

    NotificationPropertiesTest() {
        super(Settings.class);
    }

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

    @Override
    protected List<String> wrongValues() {
        return List.of("ledger.notifications.sms.simulated.failure-rate=1.5",
                "ledger.notifications.email.type=smpt",
                "ledger.processors.token-claim-interval=0s");
    }
}
