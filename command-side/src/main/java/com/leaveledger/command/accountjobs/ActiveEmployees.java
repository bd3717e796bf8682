package com.leaveledger.command.accountjobs;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The registered, not erased employees, in id order, from the event store's employee index
 * ({@code domain_event_entry_employees}, V10) and the erased data keys ({@code ledger_keys.data_key}).
 */
public class ActiveEmployees {

    private static final String ACTIVE = """
            from domain_event_entry e
            where e.type = 'Employee' and e.sequence_number = 0
            and not exists (select 1 from ledger_keys.data_key k
                            where k.employee_id = e.aggregate_identifier and k.erased_at is not null)""";

    private final JdbcTemplate jdbc;

    public ActiveEmployees(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int count() {
        Integer count = jdbc.queryForObject("select count(*) " + ACTIVE, Integer.class);
        return count == null ? 0 : count;
    }

    /** Up to {@code limit} ids after {@code after} (null: from the first). */
    public List<String> after(String after, int limit) {
        return jdbc.queryForList("select e.aggregate_identifier " + ACTIVE
                + " and e.aggregate_identifier > ? order by e.aggregate_identifier limit ?", String.class,
                after == null ? "" : after, limit);
    }

    /** The accounts of {@code year} that received carried days (whether or not they lapse). */
    public List<String> accountsWithCarriedDays(int year) {
        return jdbc.queryForList("select distinct aggregate_identifier from domain_event_entry "
                + "where payload_type = 'com.leaveledger.kernel.leaveaccount.CarriedOverEvent' "
                + "and aggregate_identifier like ?", String.class, "%:" + year);
    }
}
