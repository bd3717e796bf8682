package com.leaveledger.kernel.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text component of an event that holds personal data of the employee the event concerns
 * ({@link com.leaveledger.kernel.LedgerEvent#employeeId()}): a name, an address, a free-text reason or comment.
 * Where the services serialize events, such a value is stored and published as ciphertext under that employee's
 * data key, so destroying the key erases it everywhere at once (docs/adr/0033, section 5).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
