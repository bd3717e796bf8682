-- Issue 27: the query side counts working days in each employee's calendar (the team calendar, escalated pending
-- approvals), as the command side does. Projection "employees" keeps a part-time employee's own working days
-- (WorkingPatternChangedEvent): {"2027-04-01": ["MONDAY", "TUESDAY", "WEDNESDAY"], "2027-09-01": []}, by the date they
-- take effect; an empty list means the country's working week again. A change from a date replaces those from it on.
alter table employee add column own_days jsonb not null default '{}';
