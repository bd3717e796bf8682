package com.leaveledger.support.testing;

import java.util.List;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Base of a service's settings test: its {@code @ConfigurationProperties} bound in a bare context ({@link #runner}),
 * and each wrong value the subclass lists must stop start-up naming its setting. The subclass checks the defaults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SettingsTest {

    protected final ApplicationContextRunner runner;

    /** {@code settings}: a class enabling the service's {@code @ConfigurationProperties}. */
    protected SettingsTest(Class<?> settings) {
        runner = new ApplicationContextRunner().withUserConfiguration(settings);
    }

    /** Settings written {@code name=value} that start-up must refuse, naming them. */
    protected abstract List<String> wrongValues();

    @ParameterizedTest
    @MethodSource("wrongValues")
    void aWrongValueFailsStartUpNamingTheSetting(String setting) {
        RejectedSetting.assertRefused(runner, setting);
    }
}
