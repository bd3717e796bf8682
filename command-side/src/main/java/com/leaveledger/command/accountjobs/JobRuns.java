package com.leaveledger.command.accountjobs;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Progress of each job run ({@code ledger_job_run}, V10): where it stands, so that it resumes there. */
public class JobRuns {

    public enum Status { RUNNING, COMPLETED }

    /**
     * @param job            {@code accrual} or {@code year-end}
     * @param period         the month ({@code 2027-03}) or the year ({@code 2026})
     * @param total          active employees when the run (re)started
     * @param processed      employees done
     * @param lastEmployeeId the last employee done, in id order; the run resumes after it
     */
    public record Run(String job, String period, Status status, int total, int processed, String lastEmployeeId) {
    }

    private final JdbcTemplate jdbc;

    public JobRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Run> find(String job, String period) {
        List<Run> runs = jdbc.query("select job, period, status, total, processed, last_employee_id "
                + "from ledger_job_run where job = ? and period = ?", (rs, n) -> new Run(rs.getString(1),
                rs.getString(2), Status.valueOf(rs.getString(3)), rs.getInt(4), rs.getInt(5), rs.getString(6)),
                job, period);
        return runs.stream().findFirst();
    }

    /** Starts the run, resumes it where it stands, or starts a completed one again from the first employee. */
    public Run begin(String job, String period, int total) {
        return jdbc.queryForObject("""
                insert into ledger_job_run as r (job, period, status, total) values (?, ?, 'RUNNING', ?)
                on conflict (job, period) do update set status = 'RUNNING', total = excluded.total,
                    processed = case when r.status = 'COMPLETED' then 0 else r.processed end,
                    last_employee_id = case when r.status = 'COMPLETED' then null else r.last_employee_id end,
                    updated_at = now()
                returning job, period, status, total, processed, last_employee_id""", (rs, n) -> new Run(
                rs.getString(1), rs.getString(2), Status.valueOf(rs.getString(3)), rs.getInt(4), rs.getInt(5),
                rs.getString(6)), job, period, total);
    }

    /** Records that the run is done up to {@code employeeId}; a concurrent run further on keeps its position. */
    public void advance(String job, String period, String employeeId, int processed) {
        jdbc.update("update ledger_job_run set last_employee_id = ?, processed = ?, updated_at = now() "
                + "where job = ? and period = ? and status = 'RUNNING' "
                + "and (last_employee_id is null or last_employee_id < ?)", employeeId, processed, job, period,
                employeeId);
    }

    public void complete(String job, String period) {
        jdbc.update("update ledger_job_run set status = 'COMPLETED', processed = greatest(processed, total), "
                + "updated_at = now() where job = ? and period = ?", job, period);
    }
}
