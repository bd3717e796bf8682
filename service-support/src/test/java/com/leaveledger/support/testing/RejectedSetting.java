package com.leaveledger.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.FieldError;

/** For the services' settings tests: which setting a start-up failure rejects. */
public final class RejectedSetting {

    private RejectedSetting() {
    }

    /** Asserts that start-up with {@code setting} ({@code name=value}) fails, and that it names that setting. */
    public static void assertRefused(ApplicationContextRunner runner, String setting) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(of(context.getStartupFailure())).isEqualTo(setting.substring(0, setting.indexOf('=')));
        });
    }

    /**
     * The name of the first setting a {@code @Validated} {@code @ConfigurationProperties} binding refused (a value
     * its constraints refuse, or one that does not convert), as it is written in {@code application.yml}
     * ({@code ledger.replay.switch-timeout}); Spring Boot's start-up report prints it with its value and the reason.
     */
    public static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                ValidationErrors errors = invalid.getValidationErrors();
                FieldError error = (FieldError) errors.getAllErrors().get(0);
                String path = (errors.getName() + "." + error.getField()).toLowerCase(Locale.ROOT);
                return errors.getBoundProperties().stream().map(property -> property.getName().toString())
                        .filter(name -> name.replace("-", "").equals(path.replace("-", "")))
                        .findFirst().orElse(path);
            }
            if (cause instanceof BindException unconvertible && unconvertible.getProperty() != null
                    && !(unconvertible.getCause() instanceof BindValidationException)) {
                return unconvertible.getProperty().getName().toString();
            }
        }
        throw new AssertionError("start-up did not fail on a setting", failure);
    }
}
