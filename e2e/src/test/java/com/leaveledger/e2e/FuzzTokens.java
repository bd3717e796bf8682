package com.leaveledger.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens, good and bad, written by hand (header and claims as JSON, HS256 computed here) so that a claim can
 * have any JSON shape: {@code roles} nested or not a list, {@code sub} missing or a number, {@code exp} missing or
 * beyond what an {@code Instant} holds, {@code alg: none}, a signature by another key.
 */
final class FuzzTokens {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private FuzzTokens() {
    }

    /** A token's {@code Authorization} header value, what is odd about it, and why it must be refused (or null). */
    record Token(String authorization, String label, String mustRefuse) {
    }

    /** A valid token of {@code subject} with {@code roles}, as the services' dev profile accepts it. */
    static String valid(String subject, String... roles) {
        ObjectNode claims = claims(subject, roles);
        return sign(header("HS256"), claims, LedgerSystem.JWT_SECRET);
    }

    static ObjectNode claims(String subject, String... roles) {
        ObjectNode claims = FuzzInputs.NODES.objectNode();
        claims.put("sub", subject);
        var list = claims.putArray("roles");
        for (String role : roles) {
            list.add(role);
        }
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        return claims;
    }

    /** A mutation of the valid token of {@code subject} with {@code roles}. */
    static Token mutated(Random random, String subject, String... roles) {
        ObjectNode claims = claims(subject, roles);
        long now = Instant.now().getEpochSecond();
        String secret = LedgerSystem.JWT_SECRET;
        int kind = random.nextInt(30);
        switch (kind) {
            case 0 -> {
                claims.remove("sub");
                return signed(claims, "no sub", "a token without sub");
            }
            case 1 -> {
                claims.put("sub", "");
                return signed(claims, "empty sub", "a token with an empty sub");
            }
            case 2 -> {
                claims.put("sub", "   ");
                return signed(claims, "blank sub", "a token with a blank sub");
            }
            case 3 -> {
                claims.put("sub", subject + "\u0000");
                return signed(claims, "sub with NUL", "a sub with a control character");
            }
            case 4 -> {
                claims.put("sub", 12345);
                return signed(claims, "sub a number", "a sub that is not a string");
            }
            case 5 -> {
                var nested = claims.putArray("roles").addArray();
                for (String role : roles) {
                    nested.add(role);
                }
                return signed(claims, "roles nested [[...]]", "roles not a list of names");
            }
            case 6 -> {
                claims.put("roles", 42);
                return signed(claims, "roles a number", "roles not a list of names");
            }
            case 7 -> {
                claims.putObject("roles").put(roles.length > 0 ? roles[0] : "HR", true);
                return signed(claims, "roles an object", "roles not a list of names");
            }
            case 8 -> {
                claims.put("roles", String.join(" ", roles));
                return signed(claims, "roles a string", null);
            }
            case 9 -> {
                claims.putArray("roles").add("ROOT");
                return signed(claims, "unknown role ROOT", null);
            }
            case 10 -> {
                claims.putArray("roles").addNull().add(roles.length > 0 ? roles[0] : "HR");
                return signed(claims, "null in roles", "roles not a list of names");
            }
            case 11 -> {
                claims.remove("roles");
                return signed(claims, "no roles", null);
            }
            case 12 -> {
                claims.remove("exp");
                return signed(claims, "no exp", "a token without exp");
            }
            case 13 -> {
                claims.put("exp", now - 600);
                return signed(claims, "expired 10 minutes ago", "an expired token");
            }
            case 14 -> {
                claims.put("exp", 253402300799L);
                return signed(claims, "exp 9999-12-31", null);
            }
            case 15 -> {
                claims.put("exp", Long.MAX_VALUE);
                return signed(claims, "exp Long.MAX_VALUE", null);
            }
            case 16 -> {
                claims.put("exp", "tomorrow");
                return signed(claims, "exp a string", "an exp that is not a number");
            }
            case 17 -> {
                claims.put("exp", 1e300);
                return signed(claims, "exp 1e300", null);
            }
            case 18 -> {
                claims.put("nbf", now + 3600);
                return signed(claims, "nbf in an hour", "a token not valid yet");
            }
            case 19 -> {
                return new Token("Bearer " + sign(header("HS256"), claims, secret + "-other"), "bad signature",
                        "a signature by another key");
            }
            case 20 -> {
                String unsigned = b64(header("none")) + "." + b64(claims.toString()) + ".";
                return new Token("Bearer " + unsigned, "alg none", "an unsigned token (alg none)");
            }
            case 21 -> {
                String token = sign(header("HS256"), claims, secret);
                return new Token("Bearer " + token.substring(0, token.length() - 5), "truncated signature",
                        "a broken signature");
            }
            case 22 -> {
                return new Token("Bearer " + sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims, secret, "HmacSHA512"),
                        "HS512", null);
            }
            case 23 -> {
                return new Token("Bearer " + sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, secret),
                        "alg RS256 with an HMAC signature", "a signature that does not match its alg");
            }
            case 24 -> {
                return new Token(List.of("Bearer", "Bearer ", "Bearer abc", "Bearer a.b.c", "Bearer ....",
                        "Basic dXNlcjpwYXNz", "Bearer " + "A".repeat(6000)).get(random.nextInt(7)),
                        "garbage authorization", "not a token");
            }
            case 25 -> {
                return new Token("bearer " + valid(subject, roles), "lower-case scheme", null);
            }
            case 26 -> {
                return new Token("Bearer " + sign("{\"alg\":\"HS256\",\"kid\":\"../../etc/passwd\",\"crit\":[\"x\"]}",
                        claims, secret), "crit header", "a token with an unknown critical header");
            }
            case 27 -> {
                claims.put("sub", subject + "\u0085\u009b");
                return signed(claims, "sub with C1 controls", "a sub with a control character");
            }
            case 28 -> {
                claims.put("iss", "https://evil.example");
                return signed(claims, "foreign iss", null);
            }
            default -> {
                return new Token("Bearer " + valid(subject, roles), "valid", null);
            }
        }
    }

    private static Token signed(ObjectNode claims, String label, String mustRefuse) {
        return new Token("Bearer " + sign(header("HS256"), claims, LedgerSystem.JWT_SECRET), label, mustRefuse);
    }

    private static String header(String alg) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
    }

    private static String sign(String header, ObjectNode claims, String secret) {
        return sign(header, claims, secret, "HmacSHA256");
    }

    private static String sign(String header, ObjectNode claims, String secret, String algorithm) {
        String input = b64(header) + "." + b64(claims.toString());
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return input + "." + BASE64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return BASE64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
