package com.leaveledger.command.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.observability.PublicationMonitorProperties;
import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.testing.SettingsTest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The command side's settings bind with their documented defaults, and a wrong value stops start-up naming it. */
class CommandSidePropertiesTest extends SettingsTest {

    @EnableConfigurationProperties({CommandSideProperties.class, PublisherProperties.class,
            PublicationMonitorProperties.class, ProcessorProperties.class})
    static class Settings {
    }

    CommandSidePropertiesTest() {
        super(Settings.class);
    }

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

    @Override
    protected List<String> wrongValues() {
        return List.of("ledger.publisher.batch-size=0",
                "ledger.time-zone=Mars/Olympus_Mons",
                "ledger.aggregate-cache.max-entries=-1");
    }
}
