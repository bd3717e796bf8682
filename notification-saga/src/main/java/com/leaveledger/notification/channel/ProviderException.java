package com.leaveledger.notification.channel;

/**
 * A provider refused or failed a message. {@code permanent} refusals (an invalid address, a 4xx answer) are never
 * retried; everything else (5xx, 429, time-outs, connection failures) is. {@code code} is a short, stable reason
 * shown to operators (e.g. {@code http-503}, {@code smtp-connect}, {@code invalid-address}).
 */
public class ProviderException extends RuntimeException {

    private final boolean permanent;
    private final String code;

    public ProviderException(String code, String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.permanent = permanent;
    }

    public static ProviderException permanent(String code, String message) {
        return new ProviderException(code, message, true, null);
    }

    public static ProviderException transientFailure(String code, String message) {
        return new ProviderException(code, message, false, null);
    }

    public boolean isPermanent() {
        return permanent;
    }

    public String code() {
        return code;
    }
}
