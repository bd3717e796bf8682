package com.leaveledger.notification.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.support.web.LedgerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Dead letters, the latest requests' notifications and the circuit breakers for engineers; delivery status for the
 * parties of a request, compliance staff and engineers; delivery status as of an instant for compliance staff only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return LedgerSecurity.apiChain(http, json, auth -> auth
                .requestMatchers("/admin/**").hasRole("ENGINEER")
                .requestMatchers(HttpMethod.GET, "/api/notifications/as-of").hasRole("COMPLIANCE")
                .requestMatchers(HttpMethod.GET, "/api/notifications")
                .hasAnyRole("EMPLOYEE", "MANAGER", "COMPLIANCE", "ENGINEER"));
    }
}
