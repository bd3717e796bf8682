package com.leaveledger.support.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token's {@code roles} claim as authorities {@code ROLE_<name>}. Only known role names count, whatever else the
 * claim holds ({@link LedgerTokenValidator} refuses such a token before it gets here; Spring Security's own
 * converter failed with a 500 on a list of lists).
 */
public final class LedgerRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    public static final String CLAIM = "roles";

    /** BRIEF §8. */
    public static final List<String> KNOWN = List.of("EMPLOYEE", "MANAGER", "HR", "COMPLIANCE", "ENGINEER");

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (jwt.getClaims().get(CLAIM) instanceof Collection<?> names) {
            for (Object name : names) {
                if (name instanceof String role && KNOWN.contains(role)) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
                }
            }
        }
        return authorities;
    }
}
