package com.leaveledger.console.signin;

import com.leaveledger.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in (the dev page or the OIDC links), the start page by role, and the message for a page a role may not see. */
@Controller
public class SignInController {

    /** What the services accept as {@code sub}: visible ASCII without spaces (docs/api.md, Tokens). */
    private static final Pattern EMPLOYEE_ID = Pattern.compile("[!-~]{1,128}");

    private final ConsoleProperties properties;
    private final DevTokens tokens;
    private final SignIn signIn;
    private final ObjectProvider<ClientRegistrationRepository> registrations;

    public SignInController(ConsoleProperties properties, DevTokens tokens, SignIn signIn,
                            ObjectProvider<ClientRegistrationRepository> registrations) {
        this.properties = properties;
        this.tokens = tokens;
        this.signIn = signIn;
        this.registrations = registrations;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal ConsoleUser user) {
        return "redirect:" + user.home();
    }

    @GetMapping("/signin")
    String signInPage(Model model) {
        model.addAttribute("devSignIn", properties.devSignIn());
        model.addAttribute("roles", ConsoleUser.ROLES);
        model.addAttribute("providers", providers());
        return "signin";
    }

    @PostMapping("/signin")
    String devSignIn(@RequestParam(defaultValue = "") String employeeId,
                     @RequestParam(required = false) List<String> roles, Model model,
                     HttpServletRequest request, HttpServletResponse response) {
        if (!properties.devSignIn()) {
            return "redirect:/signin";
        }
        Set<String> chosen = new LinkedHashSet<>(roles == null ? List.of() : roles);
        chosen.retainAll(ConsoleUser.ROLES);
        String id = employeeId.strip();
        if (!EMPLOYEE_ID.matcher(id).matches() || chosen.isEmpty()) {
            model.addAttribute("employeeIdError", EMPLOYEE_ID.matcher(id).matches() ? null
                    : "An employee id is 1 to 128 visible characters without spaces.");
            model.addAttribute("rolesError", chosen.isEmpty() ? "Pick at least one role." : null);
            model.addAttribute("employeeId", id);
            model.addAttribute("chosenRoles", chosen);
            return signInPage(model);
        }
        ConsoleUser user = tokens.mint(id, chosen);
        signIn.signIn(user, request, response);
        return "redirect:" + user.home();
    }

    @GetMapping("/forbidden")
    String forbidden(Model model) {
        model.addAttribute("status", 403);
        model.addAttribute("message", "Your roles do not allow this page.");
        return "error";
    }

    private List<ClientRegistration> providers() {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository instanceof InMemoryClientRegistrationRepository memory) {
            List<ClientRegistration> all = new java.util.ArrayList<>();
            memory.forEach(all::add);
            return all;
        }
        return List.of();
    }
}
