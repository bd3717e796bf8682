package com.leaveledger.console.backend;

import java.util.Optional;
import java.util.function.Function;

/** A service's answer: its body when it succeeded, else the {@link Problem}. Never both. */
public record Reply<T>(T body, Problem problem) {

    static <T> Reply<T> ok(T body) {
        return new Reply<>(body, null);
    }

    static <T> Reply<T> failed(Problem problem) {
        return new Reply<>(null, problem);
    }

    public boolean ok() {
        return problem == null;
    }

    public Optional<T> value() {
        return Optional.ofNullable(body);
    }

    public <R> Reply<R> map(Function<T, R> mapping) {
        return ok() ? new Reply<>(body == null ? null : mapping.apply(body), null) : new Reply<>(null, problem);
    }
}
