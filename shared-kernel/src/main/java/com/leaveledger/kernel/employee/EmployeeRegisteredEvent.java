package com.leaveledger.kernel.employee;

import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record EmployeeRegisteredEvent(
        EmployeeId employeeId,
        String name,
        String email,
        String phone,
        String pushToken,
        EmployeeId managerId,
        String country,
        String subdivision,
        Set<Channel> notificationChannels) implements EmployeeEvent {
}
