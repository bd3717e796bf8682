package com.leaveledger.kernel.employee;

/** A notification channel (BRIEF §6). */
public enum Channel {
    EMAIL, SMS, PUSH, AUDIT
}
