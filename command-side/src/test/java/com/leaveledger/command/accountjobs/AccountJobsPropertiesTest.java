package com.leaveledger.command.accountjobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.testing.RejectedSetting;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** ledger.account-jobs.* binds with its documented defaults, and a wrong value stops start-up naming it. */
class AccountJobsPropertiesTest {

    @EnableConfigurationProperties(AccountJobsProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

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

    @Test
    void aWrongValueFailsStartUpNamingTheSetting() {
        runner.withPropertyValues("ledger.account-jobs.check-every=0s").run(context ->
                assertThat(RejectedSetting.of(context.getStartupFailure())).isEqualTo("ledger.account-jobs.check-every"));
        runner.withPropertyValues("ledger.account-jobs.actor= ").run(context ->
                assertThat(RejectedSetting.of(context.getStartupFailure())).isEqualTo("ledger.account-jobs.actor"));
    }
}
