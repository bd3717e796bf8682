package com.leaveledger.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.support.web.LedgerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/** Which role may send which command; ownership (own requests, own reports) is checked by the domain. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * No Micrometer observations around each security filter: they cost about a tenth of a command's CPU and
     * http.server.requests already times every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return LedgerSecurity.apiChain(http, json, auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/employees", "/api/employees/*/erasure").hasRole("HR")
                .requestMatchers(HttpMethod.PUT, "/api/employees/*/working-days").hasRole("HR")
                .requestMatchers(HttpMethod.POST, "/api/leave-accounts/**").hasRole("HR")
                .requestMatchers("/admin/accruals/**", "/admin/year-end/**").hasRole("HR")
                .requestMatchers(HttpMethod.POST, "/api/leave-requests").hasRole("EMPLOYEE")
                // A delegate need not be a manager; who decides which level is the LeaveRequest aggregate's rule.
                .requestMatchers(HttpMethod.POST, "/api/leave-requests/*/approve",
                        "/api/leave-requests/*/reject").hasAnyRole("MANAGER", "HR", "EMPLOYEE")
                .requestMatchers(HttpMethod.POST, "/api/employees/*/delegations",
                        "/api/employees/*/delegations/*/revocation").hasAnyRole("MANAGER", "HR")
                .requestMatchers(HttpMethod.POST, "/api/leave-requests/*/cancel").hasRole("EMPLOYEE")
                .requestMatchers(HttpMethod.GET, "/api/audit/integrity", "/api/audit/bundle").hasRole("COMPLIANCE"));
    }
}
