package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The bearer-JWT setup of every service: stateless, roles from the {@code roles} claim ({@link LedgerRoles},
 * {@code ROLE_} prefix), {@code sub} is the employee id, the claims checked by {@link LedgerTokenValidator}, 401 and
 * 403 as problem+json (a 401 for a refused claim names it in {@code errors}). Health, Prometheus and OpenAPI stay open. In the
 * {@code dev} profile tokens are HS256 with {@code LEDGER_JWT_SECRET} ({@link #devDecoder}); elsewhere Spring Boot
 * builds the decoder from {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}.
 */
public final class LedgerSecurity {

    private LedgerSecurity() {
    }

    public static SecurityFilterChain apiChain(
            HttpSecurity http, ObjectMapper json,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new LedgerRoles());
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll();
                    rules.customize(auth);
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint((request, response, e) -> write(json, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "a valid bearer token is required: " + e.getMessage(), claimErrors(e)))
                        .accessDeniedHandler((request, response, e) -> write(json, response,
                                HttpStatus.FORBIDDEN, "missing-role", "your token lacks the role this needs")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> write(json, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated", "a valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> write(json, response,
                                HttpStatus.FORBIDDEN, "missing-role", "your token lacks the role this needs")))
                .build();
    }

    /**
     * Local development and tests only: HS256 with a shared secret of at least 32 bytes, checked by Spring
     * Security's default validators (timestamps) and {@code validator} ({@link LedgerTokenValidator}).
     */
    public static JwtDecoder devDecoder(String secret, OAuth2TokenValidator<Jwt> validator) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("LEDGER_JWT_SECRET must be at least 32 bytes for HS256");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validator));
        return decoder;
    }

    /** The claims a token was refused for, as the problem's {@code errors} ({@link LedgerTokenValidator}). */
    private static List<Map<String, Object>> claimErrors(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream()
                        .map(error -> Problems.error(error instanceof LedgerTokenValidator.ClaimError claim
                                ? claim.claim() : "token", String.valueOf(error.getDescription())))
                        .toList();
            }
        }
        return List.of();
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String rule,
                              String detail) throws IOException {
        write(json, response, status, rule, detail, List.of());
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String rule,
                              String detail, List<Map<String, Object>> errors) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), Problems.problem(status, rule, detail, errors));
    }
}
