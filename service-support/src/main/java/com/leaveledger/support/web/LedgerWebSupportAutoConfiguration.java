package com.leaveledger.support.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Correlation ids on every request, the dev profile's HS256 JWT decoder, and a cache of verified tokens in front of
 * whichever JWT decoder the service ends up with ({@link CachingJwtDecoder}; {@code ledger.jwt.cache.*}), and Spring
 * Security's firewall with its header rules as loops ({@link HeaderCharacters}).
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LedgerWebSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    @Profile("dev")
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder devJwtDecoder(
            @Value("${ledger.jwt.secret:${LEDGER_JWT_SECRET:dev-only-leave-ledger-secret-change-me-0123456789abcdef}}")
            String secret) {
        return LedgerSecurity.devDecoder(secret);
    }

    /** Spring Security's {@code StrictHttpFirewall}, its header and parameter name rules without a regex per call. */
    @Bean
    WebSecurityCustomizer ledgerHttpFirewall() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    /** Wraps every {@link JwtDecoder} bean (the dev one above or Spring Boot's JWK-set one) in the token cache. */
    @Bean
    static BeanPostProcessor cachingJwtDecoderPostProcessor(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JwtDecoder decoder)
                        || !environment.getProperty("ledger.jwt.cache.enabled", Boolean.class, true)) {
                    return bean;
                }
                return CachingJwtDecoder.wrap(decoder,
                        environment.getProperty("ledger.jwt.cache.max-entries", Long.class, 10_000L),
                        environment.getProperty("ledger.jwt.cache.max-age", Duration.class, Duration.ofMinutes(5)));
            }
        };
    }
}
