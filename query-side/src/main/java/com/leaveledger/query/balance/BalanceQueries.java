package com.leaveledger.query.balance;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the balance read model (projection "balances"). */
public class BalanceQueries {

    private final JdbcTemplate jdbc;

    public BalanceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The employee's accounts of a year, one per leave type that has one. */
    public List<Balance> forEmployee(String employeeId, int year) {
        return jdbc.query("select leave_type, granted, carried, adjusted, deducted, reserved from leave_balance "
                        + "where employee_id = ? and year = ? order by leave_type",
                (rs, row) -> Balance.of(rs.getString("leave_type"), rs.getBigDecimal("granted"),
                        rs.getBigDecimal("carried"), rs.getBigDecimal("adjusted"), rs.getBigDecimal("deducted"),
                        rs.getBigDecimal("reserved")),
                employeeId, year);
    }

    /** One account: available = granted + carried + adjusted − deducted − reserved. */
    public record Balance(String leaveType, BigDecimal granted, BigDecimal carried, BigDecimal adjusted,
                          BigDecimal deducted, BigDecimal reserved, BigDecimal available) {

        public static Balance of(String leaveType, BigDecimal granted, BigDecimal carried, BigDecimal adjusted,
                                 BigDecimal deducted, BigDecimal reserved) {
            return new Balance(leaveType, granted, carried, adjusted, deducted, reserved,
                    granted.add(carried).add(adjusted).subtract(deducted).subtract(reserved));
        }
    }
}
