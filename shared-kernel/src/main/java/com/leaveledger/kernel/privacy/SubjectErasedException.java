package com.leaveledger.kernel.privacy;

import com.leaveledger.kernel.employee.EmployeeId;

/** Personal data was to be written for an employee whose data key has been destroyed. */
public class SubjectErasedException extends RuntimeException {

    private final transient EmployeeId subject;

    public SubjectErasedException(EmployeeId subject) {
        super("employee " + subject + " has been erased");
        this.subject = subject;
    }

    public EmployeeId subject() {
        return subject;
    }
}
