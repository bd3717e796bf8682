package com.leaveledger.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Bearer JWT on every API path. Roles come from the {@code roles} claim; {@code sub} is the employee id. In the
 * {@code dev} profile tokens are HS256-signed with {@code LEDGER_JWT_SECRET}; elsewhere Spring Boot builds the
 * decoder from {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} and HS256 is not accepted.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);

        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/employees").hasRole("HR")
                        .requestMatchers(HttpMethod.POST, "/api/leave-accounts/**").hasRole("HR")
                        .requestMatchers(HttpMethod.POST, "/api/leave-requests").hasRole("EMPLOYEE")
                        .requestMatchers(HttpMethod.POST, "/api/leave-requests/*/approve",
                                "/api/leave-requests/*/reject").hasRole("MANAGER")
                        .requestMatchers(HttpMethod.POST, "/api/leave-requests/*/cancel").hasRole("EMPLOYEE")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint((request, response, e) -> write(json, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "a valid bearer token is required: " + e.getMessage()))
                        .accessDeniedHandler((request, response, e) -> write(json, response,
                                HttpStatus.FORBIDDEN, "missing-role", "your token lacks the role this command needs")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> write(json, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated", "a valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> write(json, response,
                                HttpStatus.FORBIDDEN, "missing-role", "your token lacks the role this command needs")))
                .build();
    }

    private static void write(ObjectMapper json, jakarta.servlet.http.HttpServletResponse response,
                              HttpStatus status, String rule, String detail) throws java.io.IOException {
        ProblemDetail problem = ProblemAdvice.problem(status, rule, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Local development and tests only: HS256 with a shared secret. */
    @Bean
    @Profile("dev")
    JwtDecoder devJwtDecoder(@Value("${ledger.jwt.secret}") String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("LEDGER_JWT_SECRET must be at least 32 bytes for HS256");
        }
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }
}
