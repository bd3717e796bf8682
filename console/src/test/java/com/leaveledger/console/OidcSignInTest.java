package com.leaveledger.console;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Outside the dev profile, with a client registration: the sign-in page offers the issuer and sends the browser to
 * its authorization endpoint (the registration's endpoints given explicitly here, where {@code oidc} discovers them
 * from {@code LEDGER_OIDC_ISSUER}). The dev sign-in is off.
 */
@SpringBootTest(properties = {
        "spring.security.oauth2.client.registration.ledger.provider=ledger",
        "spring.security.oauth2.client.registration.ledger.client-name=Example SSO",
        "spring.security.oauth2.client.registration.ledger.client-id=console",
        "spring.security.oauth2.client.registration.ledger.client-secret=secret",
        "spring.security.oauth2.client.registration.ledger.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.ledger.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.registration.ledger.scope=openid",
        "spring.security.oauth2.client.provider.ledger.authorization-uri=https://sso.example.com/authorize",
        "spring.security.oauth2.client.provider.ledger.token-uri=https://sso.example.com/token",
        "spring.security.oauth2.client.provider.ledger.jwk-set-uri=https://sso.example.com/jwks",
        "spring.security.oauth2.client.provider.ledger.user-name-attribute=sub"})
@AutoConfigureMockMvc
class OidcSignInTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void theSignInPageSendsTheBrowserToTheIssuer() throws Exception {
        mvc.perform(get("/signin")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Sign in with Example SSO")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"employeeId\""))));
        mvc.perform(get("/oauth2/authorization/ledger"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", Matchers.startsWith("https://sso.example.com/authorize?")))
                .andExpect(header().string("Location", Matchers.containsString("client_id=console")));
    }
}
