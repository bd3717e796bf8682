package com.leaveledger.support.web;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Bearer tokens in every service: their claims checked ({@link LedgerTokenValidator}, {@code ledger.jwt.*}) by the
 * dev profile's HS256 decoder and, as an {@code OAuth2TokenValidator} bean, by Spring Boot's JWK-set decoder; a cache
 * of verified tokens in front of whichever JWT decoder the service ends up with ({@link CachingJwtDecoder};
 * {@code ledger.jwt.cache.*}).
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(LedgerTokenProperties.class)
public class LedgerTokenAutoConfiguration {

    /** Checked by the dev decoder below and, being a bean, by Spring Boot's JWK-set, issuer or public-key decoder. */
    @Bean
    OAuth2TokenValidator<Jwt> ledgerTokenValidator(LedgerTokenProperties properties) {
        return new LedgerTokenValidator(properties.maxLifetime(), properties.clockSkew(), Clock.systemUTC());
    }

    @Bean
    @Profile("dev")
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder devJwtDecoder(
            @Value("${ledger.jwt.secret:${LEDGER_JWT_SECRET:dev-only-leave-ledger-secret-change-me-0123456789abcdef}}")
            String secret, OAuth2TokenValidator<Jwt> ledgerTokenValidator) {
        return LedgerSecurity.devDecoder(secret, ledgerTokenValidator);
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
