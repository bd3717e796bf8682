package com.leaveledger.kernel.employee;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterEmployeeCommand(
        @TargetAggregateIdentifier EmployeeId employeeId,
        String name,
        String email,
        String phone,
        String pushToken,
        EmployeeId managerId,
        String country,
        String subdivision,
        Set<Channel> notificationChannels) {
}
