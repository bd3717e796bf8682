-- Reminders and escalation (issue 27, docs/notifications.md "Reminders and escalation"): the saga counts a waiting
-- request's working days in the employee's calendar, so the directory keeps each employee's country and subdivision
-- (public holidays, the country's working week) and their own working days when part time.
alter table employee_directory add column country text;
alter table employee_directory add column subdivision text;

-- WorkingPatternChangedEvent: from effective_from on the employee works on working_days (comma-separated DayOfWeek
-- names); an empty list means the country's week again. A change from an earlier date replaces the later ones.
create table employee_working_days (
    employee_id    text not null,
    effective_from date not null,
    working_days   text not null,
    primary key (employee_id, effective_from)
);
