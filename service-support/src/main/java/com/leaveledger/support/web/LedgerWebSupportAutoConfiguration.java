package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The edge every service shares. Correlation ids on every request; request bodies limited
 * ({@link RequestBodyLimitFilter}, {@code ledger.web.max-body-size}); Spring Security's firewall with checks of every
 * header and query parameter at the door ({@link LedgerFirewall}) and its refusals as problem+json
 * ({@link ProblemRequestRejectedHandler}); JSON bodies, path variables and query parameters read strictly
 * ({@link StrictWebInput}); the error page ({@link ProblemErrorController}) and Tomcat's own error answers
 * ({@link ProblemErrorReportValve}) as problem+json. Bearer tokens: {@link LedgerTokenAutoConfiguration}.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(LedgerWebProperties.class)
public class LedgerWebSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Before Spring Security and MVC: a wildcard or malformed Content-Type refused, an Accept header nothing answers
     * disregarded ({@link MediaTypeHeadersFilter}).
     */
    @Bean
    FilterRegistrationBean<MediaTypeHeadersFilter> mediaTypeHeadersFilter(ObjectProvider<ObjectMapper> json) {
        FilterRegistrationBean<MediaTypeHeadersFilter> registration = new FilterRegistrationBean<>(
                new MediaTypeHeadersFilter(json.getIfAvailable(LedgerWebSupportAutoConfiguration::problemJson)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Right after the correlation id (so that a 413 carries one), before Spring Security. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(LedgerWebProperties properties,
                                                                          ObjectProvider<ObjectMapper> json) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxBodySize().toBytes(), json.getIfAvailable(
                        LedgerWebSupportAutoConfiguration::problemJson)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    StrictWebInput strictWebInput() {
        return new StrictWebInput();
    }

    @Bean
    StrictBinding strictBinding() {
        return new StrictBinding();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ObjectProvider<ObjectMapper> json) {
        return new ProblemErrorController(json.getIfAvailable(LedgerWebSupportAutoConfiguration::problemJson));
    }

    /** {@link LedgerFirewall} in front of every request, its refusals answered as problem+json. */
    @Bean
    WebSecurityCustomizer ledgerHttpFirewall(ObjectProvider<ObjectMapper> json) {
        return web -> web.httpFirewall(new LedgerFirewall())
                .requestRejectedHandler(new ProblemRequestRejectedHandler(json.getIfAvailable(
                        LedgerWebSupportAutoConfiguration::problemJson)));
    }

    /** Without the service's mapper: one that writes {@code ProblemDetail} as RFC 9457 says (Spring's mixin). */
    private static ObjectMapper problemJson() {
        return Jackson2ObjectMapperBuilder.json().build();
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
