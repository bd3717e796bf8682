package com.leaveledger.command.accountjobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.testing.SettingsTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** ledger.account-jobs.* binds with its documented defaults, and a wrong value stops start-up naming it. */
class AccountJobsPropertiesTest extends SettingsTest {

    @EnableConfigurationProperties(AccountJobsProperties.class)
    static class Settings {
    }

    AccountJobsPropertiesTest() {
        super(Settings.class);
    }

    @Test
    void bindsTheDefaults() {
        runner.run(context -> {
            AccountJobsProperties settings = context.getBean(AccountJobsProperties.class);
            assertThat(settings.enabled()).isTrue();
            assertThat(settings.initialDelay()).isEqualTo(Duration.ofMinutes(1));
            assertThat(settings.checkEvery()).isEqualTo(Duration.ofHours(1));
            assertThat(settings.actor()).isEqualTo("ledger-scheduler");
        });
    }

    @Override
    protected List<String> wrongValues() {
        return List.of("ledger.account-jobs.check-every=0s",
                "ledger.account-jobs.actor= ");
    }
}
