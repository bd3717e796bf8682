package com.leaveledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.query.audit.AuditProperties;
import com.leaveledger.query.projection.ProjectionProperties;
import com.leaveledger.query.replay.ReplayProperties;
import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.testing.SettingsTest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The query side's settings bind with their documented defaults, and a wrong value stops start-up naming it. */
class QuerySidePropertiesTest extends SettingsTest {

    @EnableConfigurationProperties({QuerySideProperties.class, ProjectionProperties.class, ReplayProperties.class,
            AuditProperties.class, ProcessorProperties.class})
    static class Settings {
    }

    QuerySidePropertiesTest() {
        super(Settings.class);
    }

    @Test
    void bindsTheDefaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            ProjectionProperties projections = context.getBean(ProjectionProperties.class);
            assertThat(projections.segments()).isEqualTo(1);
            assertThat(projections.batchSize()).isEqualTo(500);
            assertThat(projections.deadLetters().maxSequences()).isEqualTo(10_000);
            assertThat(projections.sharedSource()).isTrue();
            assertThat(projections.sharedWindow()).isEqualTo(4096);
            assertThat(context.getBean(ReplayProperties.class).switchTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(context.getBean(AuditProperties.class).exportFetchSize()).isEqualTo(1000);
            assertThat(context.getBean(ProcessorProperties.class).tokenClaimInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(QuerySideProperties.class).timeZone()).isEqualTo(ZoneId.of("UTC"));
        });
    }

    @Override
    protected List<String> wrongValues() {
        return List.of("ledger.projections.dead-letters.max-sequences=0",
                "ledger.time-zone=Mars/Olympus_Mons",
                "ledger.replay.switch-timeout=0s");
    }
}
