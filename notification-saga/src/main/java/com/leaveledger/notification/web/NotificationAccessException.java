package com.leaveledger.notification.web;

import org.springframework.http.HttpStatus;

/** The caller may not see, or there is nothing to see for, a leave request's notifications; or no such processor. */
class NotificationAccessException extends RuntimeException {

    private final HttpStatus status;
    private final String rule;

    NotificationAccessException(HttpStatus status, String rule, String message) {
        super(message);
        this.status = status;
        this.rule = rule;
    }

    HttpStatus status() {
        return status;
    }

    String rule() {
        return rule;
    }
}
