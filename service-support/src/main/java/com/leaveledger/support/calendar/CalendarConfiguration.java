package com.leaveledger.support.calendar;

import com.leaveledger.support.policy.LeavePolicyConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The holiday calendar and the countries' working weeks as beans, for the services that count working days and
 * import {@code classpath:ledger/leave-policies.yml} (where the working weeks' defaults are). Each service builds its
 * {@link WorkingDays} from them with its own way of refusing a period.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkingWeeks.class)
public class CalendarConfiguration {

    @Bean
    HolidayCalendar holidayCalendar() {
        return new JollydayHolidayCalendar();
    }

    /** The default working weeks, read without a Spring context (the aggregates' fixture tests). */
    public static WorkingWeeks defaultWorkingWeeks() {
        try {
            var sources = new YamlPropertySourceLoader().load("leave-policies",
                    new ClassPathResource(LeavePolicyConfiguration.DEFAULTS));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind("ledger.working-weeks", WorkingWeeks.class).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
