package com.leaveledger.kernel.employee;

import com.leaveledger.kernel.privacy.PersonalData;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record EmployeeRegisteredEvent(
        EmployeeId employeeId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String phone,
        @PersonalData String pushToken,
        EmployeeId managerId,
        String country,
        String subdivision,
        Set<Channel> notificationChannels) implements EmployeeEvent {
}
