package com.leaveledger.command.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.observability.PublicationMonitorProperties;
import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.testing.RejectedSetting;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The command side's settings bind with their documented defaults, and a wrong value stops start-up naming it. */
class CommandSidePropertiesTest {

    @EnableConfigurationProperties({CommandSideProperties.class, PublisherProperties.class,
            PublicationMonitorProperties.class, ProcessorProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void bindsTheDefaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            CommandSideProperties properties = context.getBean(CommandSideProperties.class);
            assertThat(properties.timeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(properties.aggregateCache().enabled()).isTrue();
            assertThat(properties.aggregateCache().maxEntries()).isEqualTo(100_000);
            assertThat(properties.idempotency().retention()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.eventStore().wakeUpWindow()).isEqualTo(Duration.ofMillis(20));
            assertThat(context.getBean(PublisherProperties.class).batchSize()).isEqualTo(100);
            assertThat(context.getBean(PublicationMonitorProperties.class).watchMissedFor())
                    .isEqualTo(Duration.ofMinutes(15));
        });
    }

    @Test
    void aWrongValueFailsStartUpNamingTheSetting() {
        runner.withPropertyValues("ledger.publisher.batch-size=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(RejectedSetting.of(context.getStartupFailure())).isEqualTo("ledger.publisher.batch-size");
        });
        runner.withPropertyValues("ledger.time-zone=Mars/Olympus_Mons").run(context ->
                assertThat(RejectedSetting.of(context.getStartupFailure())).isEqualTo("ledger.time-zone"));
        runner.withPropertyValues("ledger.aggregate-cache.max-entries=-1").run(context ->
                assertThat(RejectedSetting.of(context.getStartupFailure()))
                        .isEqualTo("ledger.aggregate-cache.max-entries"));
    }
}
