-- Monthly accrual and year-end close (docs/adr/0044): each run's progress, so that a run cut short (a crash, a
-- restart) resumes after the last employee it finished, and GET /admin/year-end/{year} can show it. The accounts
-- themselves guarantee that nothing happens twice; this table only saves work and shows progress.
create table ledger_job_run (
    job              varchar(32)  not null,
    period           varchar(16)  not null,
    status           varchar(16)  not null,
    total            integer      not null,
    processed        integer      not null default 0,
    last_employee_id varchar(64),
    started_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    primary key (job, period),
    constraint ledger_job_run_status check (status in ('RUNNING', 'COMPLETED'))
);

-- The registered employees in id order, for the runs to page through without reading the store: an index over each
-- employee's first event only (appends pay for it when they register an employee).
create index domain_event_entry_employees on domain_event_entry (aggregate_identifier)
    where type = 'Employee' and sequence_number = 0;

-- The accounts that received carried days, for the daily pass that lets expired carried days lapse.
create index domain_event_entry_carried_over on domain_event_entry (aggregate_identifier)
    where payload_type = 'com.leaveledger.kernel.leaveaccount.CarriedOverEvent';
