package com.leaveledger.notification.directory;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.support.calendar.EmployeeCalendar;
import com.leaveledger.support.persistence.StorableText;
import java.time.DayOfWeek;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Contact data of every registered employee, read from the {@code employee_directory} table that
 * {@link EmployeeDirectoryProjection} keeps. Found entries are cached for a short time (the channel handlers
 * look up every recipient); a miss is never cached, so an employee registered a moment ago is found as soon as
 * the projection has caught up.
 */
public class EmployeeDirectory {

    private final JdbcTemplate jdbc;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public EmployeeDirectory(JdbcTemplate jdbc, Duration ttl, Clock clock) {
        this.jdbc = jdbc;
        this.ttl = ttl;
        this.clock = clock;
    }

    private record Cached(Contact contact, Instant until) {
    }

    /** The contact of {@code employeeId}: as stored, its NUL characters read as {@code ␀} ({@link StorableText}). */
    public Optional<Contact> find(String recipientId) {
        String employeeId = StorableText.of(recipientId);
        Instant now = clock.instant();
        Cached cached = cache.get(employeeId);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.contact());
        }
        List<Contact> found = jdbc.query("select employee_id, name, email, phone, push_token, manager_id, channels, "
                + "erased_at is not null from employee_directory where employee_id = ?", (rs, i) -> new Contact(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                parseChannels(rs.getString(7)), rs.getBoolean(8)), employeeId);
        if (found.isEmpty()) {
            cache.remove(employeeId);
            return Optional.empty();
        }
        if (cache.size() > 100_000) {
            cache.clear();
        }
        cache.put(employeeId, new Cached(found.get(0), now.plus(ttl)));
        return Optional.of(found.get(0));
    }

    /**
     * Erasure: the employee's name and addresses read {@code [erased]} and the row is marked erased, so nothing is
     * sent to them any more and a replayed registration writes nothing back. An employee this directory never saw
     * gets an erased row all the same. Run first in an erasure's transaction: the row lock orders it against the
     * outcome writer, which share-locks the rows of the recipients it records sends for.
     */
    public void erase(String employeeId, String sourceEventId) {
        String id = StorableText.of(employeeId);
        jdbc.update("insert into employee_directory (employee_id, name, channels, source_event_id, updated_at, "
                + "erased_at) values (?, '[erased]', '', ?, now(), now()) on conflict (employee_id) do update set "
                + "name = case when employee_directory.name is null then null else '[erased]' end, "
                + "email = case when employee_directory.email is null then null else '[erased]' end, "
                + "phone = case when employee_directory.phone is null then null else '[erased]' end, "
                + "push_token = case when employee_directory.push_token is null then null else '[erased]' end, "
                + "erased_at = coalesce(employee_directory.erased_at, now()), updated_at = now()",
                id, StorableText.of(sourceEventId));
        evict(id);
    }

    /**
     * The calendar {@code employeeId}'s working days are counted in (reminders): country, subdivision and their own
     * working days if part time; an employee not (yet) in the directory counts in the default working week without
     * public holidays.
     */
    public EmployeeCalendar calendarOf(String recipientId) {
        String employeeId = StorableText.of(recipientId);
        List<EmployeeCalendar> found = jdbc.query("select country, subdivision from employee_directory "
                + "where employee_id = ?", (rs, i) -> EmployeeCalendar.of(rs.getString(1), rs.getString(2)), employeeId);
        EmployeeCalendar calendar = found.isEmpty() ? EmployeeCalendar.of(null, null) : found.get(0);
        for (Map<String, Object> row : jdbc.queryForList("select effective_from, working_days from "
                + "employee_working_days where employee_id = ? order by effective_from", employeeId)) {
            String days = (String) row.get("working_days");
            Set<DayOfWeek> own = days.isBlank() ? Set.of() : Arrays.stream(days.split(",")).map(DayOfWeek::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
            calendar = calendar.withOwnDays(((java.sql.Date) row.get("effective_from")).toLocalDate(), own);
        }
        return calendar;
    }

    public void evict(String employeeId) {
        cache.remove(StorableText.of(employeeId));
    }

    static String formatChannels(Set<Channel> channels) {
        return channels == null ? "" : channels.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<Channel> parseChannels(String channels) {
        if (channels == null || channels.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(channels.split(",")).map(String::trim).map(Channel::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    }
}
