package com.leaveledger.console.backend;

/** A service answered 401: the token kept in the session is no longer accepted, so the user signs in again. */
public class SessionExpiredException extends RuntimeException {

    private final String service;

    public SessionExpiredException(String service) {
        super(service + " no longer accepts the session's token");
        this.service = service;
    }

    public String service() {
        return service;
    }
}
