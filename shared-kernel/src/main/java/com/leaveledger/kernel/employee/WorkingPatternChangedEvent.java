package com.leaveledger.kernel.employee;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * From {@code effectiveFrom} on, the employee works on {@code workingDays} only (part time), or, with an empty list,
 * on their country's working week again (full time). Public holidays never count. Requests recorded before keep the
 * days they were counted with; a later change from an earlier date replaces the changes after that date.
 */
@Revision("1")
public record WorkingPatternChangedEvent(EmployeeId employeeId, LocalDate effectiveFrom, List<DayOfWeek> workingDays)
        implements EmployeeEvent {

    public WorkingPatternChangedEvent {
        workingDays = workingDays == null ? List.of() : List.copyOf(workingDays);
    }
}
