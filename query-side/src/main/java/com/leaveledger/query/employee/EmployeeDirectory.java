package com.leaveledger.query.employee;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the employee directory (projection "employees"). */
public class EmployeeDirectory {

    private final JdbcTemplate jdbc;

    public EmployeeDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Employee> find(String employeeId) {
        return jdbc.query("select employee_id, name, manager_id, country, subdivision from employee "
                        + "where employee_id = ?",
                (rs, row) -> new Employee(rs.getString("employee_id"), rs.getString("name"),
                        rs.getString("manager_id"), rs.getString("country"), rs.getString("subdivision")),
                employeeId).stream().findFirst();
    }

    public record Employee(String id, String name, String managerId, String country, String subdivision) {
    }
}
