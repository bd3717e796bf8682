-- Command-side lookup tables, written by command handlers in the same transaction as the events they
-- accompany. Both are derived from the event history and could be rebuilt from it (docs/adr/0002).

-- Booked periods of submitted or approved requests. The exclusion constraint refuses a second overlapping
-- period of one employee even when two transactions race (the later one waits, then fails with 23P01).
create extension if not exists btree_gist;

create table leave_period (
    leave_request_id varchar(64) not null primary key,
    employee_id      varchar(64) not null,
    period           daterange   not null,
    constraint leave_period_no_overlap exclude using gist (employee_id with =, period with &&)
);

-- Idempotency-Key of a command, claimed in the command's transaction, with the answer it got.
create table command_idempotency (
    actor           varchar(64)  not null,
    idempotency_key varchar(200) not null,
    fingerprint     varchar(64)  not null,
    command_type    varchar(255) not null,
    result          text,
    created_at      timestamptz  not null default now(),
    primary key (actor, idempotency_key)
);
create index command_idempotency_created_at on command_idempotency (created_at);
