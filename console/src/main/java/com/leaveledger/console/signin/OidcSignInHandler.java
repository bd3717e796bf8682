package com.leaveledger.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After OIDC login: the issuer's access token (a JWT the services accept, with {@code sub}, {@code roles} and
 * {@code exp}) becomes the session's {@link ConsoleUser}, as a dev sign-in's minted token does.
 */
final class OidcSignInHandler implements AuthenticationSuccessHandler {

    private final OAuth2AuthorizedClientService clients;
    private final SignIn signIn;

    OidcSignInHandler(OAuth2AuthorizedClientService clients, SignIn signIn) {
        this.clients = clients;
        this.signIn = signIn;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2AuthenticationToken oauth = (OAuth2AuthenticationToken) authentication;
        OAuth2AuthorizedClient client = clients.loadAuthorizedClient(oauth.getAuthorizedClientRegistrationId(),
                oauth.getName());
        ConsoleUser user;
        try {
            user = DevTokens.fromToken(client.getAccessToken().getTokenValue());
        } catch (IllegalArgumentException e) {
            response.sendRedirect(request.getContextPath() + "/signin?unusableToken");
            return;
        }
        signIn.signIn(user, request, response);
        response.sendRedirect(request.getContextPath() + "/");
    }
}
