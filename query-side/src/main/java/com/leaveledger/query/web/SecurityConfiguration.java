package com.leaveledger.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.support.web.LedgerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Which role may call which path. Ownership (self, own reports, own team) is checked per request by
 * {@link AccessRules}; a refusal names the rule (e.g. {@code not-your-report}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return LedgerSecurity.apiChain(http, json, auth -> auth
                .requestMatchers("/api/audit/**").hasRole("COMPLIANCE")
                .requestMatchers("/admin/**").hasRole("ENGINEER")
                .requestMatchers(HttpMethod.GET, "/api/managers/*/pending-approvals").hasRole("MANAGER")
                .requestMatchers(HttpMethod.GET, "/api/hr/pending-approvals").hasRole("HR")
                .requestMatchers(HttpMethod.GET, "/api/employees/*/delegations").hasAnyRole("MANAGER", "HR")
                .requestMatchers(HttpMethod.GET, "/api/leave-policies").authenticated()
                .requestMatchers(HttpMethod.GET, "/api/team-calendar").hasAnyRole("MANAGER", "HR")
                .requestMatchers(HttpMethod.GET, "/api/leave-requests/*", "/api/employees/*/leave-requests",
                        "/api/employees/*/balances").hasAnyRole("EMPLOYEE", "MANAGER", "HR"));
    }
}
