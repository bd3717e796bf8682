package com.leaveledger.query.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is asking: the JWT subject (an employee id) and the roles of the token. */
public record Caller(String id, Set<String> roles) {

    public static Caller of(Authentication authentication) {
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        return new Caller(authentication.getName(), roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isHr() {
        return has("HR");
    }

    public boolean isManager() {
        return has("MANAGER");
    }
}
