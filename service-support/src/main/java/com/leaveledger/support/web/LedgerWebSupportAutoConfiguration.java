package com.leaveledger.support.web;

import java.time.Duration;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Correlation ids on every request, the dev profile's HS256 JWT decoder, and a cache of verified tokens in front of
 * whichever JWT decoder the service ends up with ({@link CachingJwtDecoder}; {@code ledger.jwt.cache.*}), and Spring
 * Security's firewall with its header rules as loops ({@link HeaderCharacters}), and Tomcat's own error answers as
 * problem+json ({@link ProblemErrorReportValve}).
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrorReport {

        @Bean
        ProblemErrorReportCustomizer problemErrorReportCustomizer() {
            return new ProblemErrorReportCustomizer();
        }
    }

    /**
     * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report. Ordered last, so that it runs after
     * Spring Boot's own customizer, which adds a plain {@link ErrorReportValve} to the host; that one is removed.
     */
    static class ProblemErrorReportCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                Pipeline pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
