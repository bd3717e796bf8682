package com.leaveledger.console.signin;

import com.leaveledger.console.ConsoleProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may open which page: sign-in, assets and health for everyone; each role's pages for that role (the services
 * check again on every call). Sign-in is the dev page ({@code ledger.console.dev-sign-in}) or, when an OAuth2 client
 * registration is configured, OIDC login against its issuer. A page the role does not allow renders a message (403);
 * an invalid session goes back to sign-in with a message.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain console(HttpSecurity http, ConsoleProperties properties,
                                ObjectProvider<ClientRegistrationRepository> registrations,
                                ObjectProvider<OAuth2AuthorizedClientService> authorizedClients,
                                SignIn signIn) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/signin", "/css/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/employee/**").hasRole("EMPLOYEE")
                        .requestMatchers("/manager/**").hasRole("MANAGER")
                        .requestMatchers("/hr/**").hasRole("HR")
                        .requestMatchers("/compliance/**").hasRole("COMPLIANCE")
                        // notification-saga shows a request's notifications to COMPLIANCE (and the parties), not ENGINEER
                        .requestMatchers("/engineer/notifications").hasAnyRole("ENGINEER", "COMPLIANCE")
                        .requestMatchers("/engineer/**").hasRole("ENGINEER")
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.accessDeniedPage("/forbidden"))
                .sessionManagement(session -> session.invalidSessionUrl("/signin?expired"))
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut")
                        .deleteCookies("JSESSIONID"))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable());
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(
                new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/signin")));
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (!properties.devSignIn() && repository != null) {
            http.oauth2Login(oauth -> oauth.loginPage("/signin")
                    .successHandler(new OidcSignInHandler(authorizedClients.getObject(), signIn)));
        }
        return http.build();
    }
}
