package com.leaveledger.notification.directory;

import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code employee_directory}: who can be reached how. Read from Kafka; an upsert, so a redelivered or
 * replayed registration changes nothing. A reset re-applies every registration over the rows in place: the table
 * is never emptied, so deliveries never miss a contact while it is rebuilt.
 */
@ProcessingGroup(EmployeeDirectoryProjection.PROCESSING_GROUP)
public class EmployeeDirectoryProjection {

    public static final String PROCESSING_GROUP = "employee-directory";

    private final JdbcTemplate jdbc;
    private final EmployeeDirectory directory;

    public EmployeeDirectoryProjection(JdbcTemplate jdbc, EmployeeDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @EventHandler
    public void on(EmployeeRegisteredEvent event, @MessageIdentifier String eventId) {
        String id = event.employeeId().value();
        jdbc.update("insert into employee_directory (employee_id, name, email, phone, push_token, manager_id, "
                        + "channels, source_event_id, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, now()) "
                        + "on conflict (employee_id) do update set name = excluded.name, email = excluded.email, "
                        + "phone = excluded.phone, push_token = excluded.push_token, manager_id = excluded.manager_id, "
                        + "channels = excluded.channels, source_event_id = excluded.source_event_id, updated_at = now()",
                id, event.name(), event.email(), event.phone(), event.pushToken(),
                event.managerId() == null ? null : event.managerId().value(),
                EmployeeDirectory.formatChannels(event.notificationChannels()), eventId);
        directory.evict(id);
    }
}
