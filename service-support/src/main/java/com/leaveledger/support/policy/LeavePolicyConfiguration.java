package com.leaveledger.support.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.MonthDay;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * The leave policies as a bean, for the services that import {@code classpath:ledger/leave-policies.yml} (the
 * command side enforces them, the query side shows them).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeavePolicies.class)
public class LeavePolicyConfiguration {

    /** Where the default policies are. */
    public static final String DEFAULTS = "ledger/leave-policies.yml";

    /** A day of the year as HR writes it, {@code 03-31}, or in ISO form, {@code --03-31}. */
    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, MonthDay> monthDayConverter() {
        return text -> MonthDay.parse(text.startsWith("--") ? text : "--" + text);
    }

    /** The default policies, read from {@link #DEFAULTS} without a Spring context (the aggregates' fixture tests). */
    public static LeavePolicies defaults() {
        try {
            var sources = new YamlPropertySourceLoader().load("leave-policies", new ClassPathResource(DEFAULTS));
            ApplicationConversionService conversions = new ApplicationConversionService();
            conversions.addConverter(String.class, MonthDay.class, monthDayConverter());
            return new Binder(ConfigurationPropertySources.from(sources), null, conversions)
                    .bind("ledger.leave-policies", LeavePolicies.class).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
