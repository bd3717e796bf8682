package com.leaveledger.bench;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command mix: two submits, then one approval of the oldest request accepted so far (a submit
 * instead while none is waiting). Submits walk the employees round-robin and give each employee
 * its next working day of the year, so one employee's requests never overlap and an entitlement
 * larger than the year's working days always covers them.
 */
final class Workload {

    enum Kind { SUBMIT, APPROVE }

    record Command(Kind kind, String path, String token, Object body, Population.Person employee) {
    }

    private record Approvable(String leaveRequestId, Population.Person employee) {
    }

    private static final Map<String, Object> APPROVAL = Map.of("comment", "ok");

    private final List<Population.Person> employees;
    private final List<LocalDate> workingDays;
    private final long capacity;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong submits = new AtomicLong();
    private final ConcurrentLinkedQueue<Approvable> approvable = new ConcurrentLinkedQueue<>();

    Workload(List<Population.Person> employees, List<LocalDate> workingDays) {
        this.employees = employees;
        this.workingDays = workingDays;
        this.capacity = (long) employees.size() * workingDays.size();
    }

    /** The next command, or null once every employee has a request on every working day and nothing awaits approval. */
    Command next() {
        if (commands.getAndIncrement() % 3 == 2) {
            Command approval = approval();
            if (approval != null) {
                return approval;
            }
        }
        long n = submits.getAndIncrement();
        if (n < capacity) {
            Population.Person employee = employees.get((int) (n % employees.size()));
            return submit(employee, workingDays.get((int) (n / employees.size())));
        }
        return approval();
    }

    /** Feeds an accepted submit's id to the approvals to come. */
    void accepted(Command command, CommandApi.Response response) {
        if (command.kind() == Kind.SUBMIT) {
            CommandApi.leaveRequestId(response)
                    .ifPresent(id -> approvable.add(new Approvable(id, command.employee())));
        }
    }

    private Command approval() {
        Approvable next = approvable.poll();
        if (next == null) {
            return null;
        }
        return new Command(Kind.APPROVE, "/api/leave-requests/" + next.leaveRequestId() + "/approve",
                next.employee().managerToken(), APPROVAL, next.employee());
    }

    private static Command submit(Population.Person employee, LocalDate day) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("employeeId", employee.id());
        body.put("leaveType", "ANNUAL");
        body.put("startDate", day.toString());
        body.put("endDate", day.toString());
        body.put("halfDayStart", false);
        body.put("halfDayEnd", false);
        body.put("reason", "bench");
        return new Command(Kind.SUBMIT, "/api/leave-requests", employee.token(), body, employee);
    }
}
