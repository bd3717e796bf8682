package com.leaveledger.notification.directory;

import com.leaveledger.kernel.employee.Channel;
import java.util.Set;

/**
 * How to reach an employee, and on which channels they agreed to be notified. An {@code erased} employee's personal
 * data is gone ({@code [erased]}): nothing is sent to them any more.
 */
public record Contact(String employeeId, String name, String email, String phone, String pushToken,
                      String managerId, Set<Channel> channels, boolean erased) {

    public Contact {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
    }

    public Contact(String employeeId, String name, String email, String phone, String pushToken, String managerId,
                   Set<Channel> channels) {
        this(employeeId, name, email, phone, pushToken, managerId, channels, false);
    }

    /** The address for a channel, or null if the employee has none. AUDIT needs no address. */
    public String addressFor(Channel channel) {
        switch (channel) {
            case EMAIL:
                return blankToNull(email);
            case SMS:
                return blankToNull(phone);
            case PUSH:
                return blankToNull(pushToken);
            default:
                return employeeId;
        }
    }

    public boolean wants(Channel channel) {
        return channel == Channel.AUDIT || channels.isEmpty() || channels.contains(channel);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
