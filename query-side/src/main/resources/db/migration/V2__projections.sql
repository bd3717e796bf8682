-- The query side's consumption state and read models (docs/query-side.md, ADRs 0010-0012).
-- Every read-model row remembers the aggregate sequence number of the last event applied to it (last_seq), and
-- history rows are keyed by event id: an event delivered twice (publisher retry, token rewind) changes nothing.

-- Axon: the position of each projection's processor, written in the same transaction as its read-model rows.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    owner          varchar(255),
    timestamp      varchar(255) not null,
    primary key (segment, processor_name)
);

-- Axon: sequenced dead-letter queue of every projection (sequence = employee id).
create table dead_letter_entry (
    dead_letter_id       varchar(255)  not null primary key,
    processing_group     varchar(255)  not null,
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              bytea         not null,
    meta_data            bytea,
    time_stamp           varchar(255)  not null,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          timestamp(6) with time zone not null,
    last_touched         timestamp(6) with time zone,
    processing_started   timestamp(6) with time zone,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_entry_group on dead_letter_entry (processing_group);
create index dead_letter_entry_sequence on dead_letter_entry (processing_group, sequence_identifier);

-- Registered by Axon's JPA auto-configuration (schema validation needs them); the query side has no sagas.
create sequence association_value_entry_seq start with 1 increment by 50;
create table association_value_entry (
    id                bigint       not null primary key,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_id           varchar(255) not null,
    saga_type         varchar(255)
);
create index association_value_entry_lookup on association_value_entry (saga_type, association_key, association_value);
create index association_value_entry_saga on association_value_entry (saga_id, saga_type);
create table saga_entry (
    saga_id         varchar(255) not null primary key,
    saga_type       varchar(255),
    revision        varchar(255),
    serialized_saga bytea
);

-- Projection "employees": who reports to whom (ownership rules), name and calendar of each employee.
create table employee (
    employee_id text        not null primary key,
    name        text        not null,
    email       text,
    manager_id  text,
    country     text,
    subdivision text,
    updated_at  timestamptz not null,
    last_seq    bigint      not null
);
create index employee_manager on employee (manager_id);

-- Projection "leave-requests": one row per request, plus its history summary.
create table leave_request (
    leave_request_id text         not null primary key,
    employee_id      text         not null,
    manager_id       text,
    leave_type       text         not null,
    status           text         not null,
    start_date       date         not null,
    end_date         date         not null,
    half_day_start   boolean      not null,
    half_day_end     boolean      not null,
    working_days     numeric(7,1) not null,
    shares           jsonb        not null,
    reason           text,
    submitted_at     timestamptz  not null,
    decided_at       timestamptz,
    decided_by       text,
    decision_note    text,
    cancelled_at     timestamptz,
    cancelled_by     text,
    cancel_reason    text,
    updated_at       timestamptz  not null,
    last_seq         bigint       not null
);
create index leave_request_employee on leave_request (employee_id, start_date desc);
create index leave_request_pending on leave_request (manager_id, submitted_at) where status = 'SUBMITTED';
create index leave_request_team_period on leave_request (manager_id, end_date, start_date);

create table leave_request_event (
    event_id         text        not null primary key,
    leave_request_id text        not null,
    seq              bigint      not null,
    event_type       text        not null,
    occurred_at      timestamptz not null,
    actor            text,
    status           text        not null,
    note             text
);
create index leave_request_event_request on leave_request_event (leave_request_id, seq);

-- Projection "balances": one row per ledger account (employee, leave type, year).
-- available = granted + carried + adjusted - deducted - reserved.
create table leave_balance (
    account_id  text         not null primary key,
    employee_id text         not null,
    leave_type  text         not null,
    year        integer      not null,
    granted     numeric(7,1) not null,
    carried     numeric(7,1) not null,
    adjusted    numeric(7,1) not null,
    deducted    numeric(7,1) not null,
    reserved    numeric(7,1) not null,
    updated_at  timestamptz  not null,
    last_seq    bigint       not null
);
create index leave_balance_employee on leave_balance (employee_id, year);

-- Projection "audit-log": every event as received from Kafka, with its metadata and JSON payload. This is the
-- history the compliance API reads (timelines, balances as of an instant, exports).
create table audit_event (
    event_id         text        not null primary key,
    event_type       text        not null,
    payload_type     text        not null,
    payload_revision text,
    aggregate_type   text,
    aggregate_id     text,
    aggregate_seq    bigint,
    employee_id      text,
    leave_request_id text,
    account_id       text,
    occurred_at      timestamptz not null,
    actor            text,
    correlation_id   text,
    causation_id     text,
    -- The payload exactly as published (json keeps the text; jsonb would reorder and reformat it).
    payload          json        not null,
    -- Arrival order: one employee's events arrive in the order they were stored, so this orders events that share
    -- a timestamp (the events of one command) as the command appended them.
    received_order   bigint      not null generated always as identity,
    received_at      timestamptz not null default now()
);
create index audit_event_employee on audit_event (employee_id, occurred_at, received_order);
create index audit_event_request on audit_event (leave_request_id, occurred_at, received_order)
    where leave_request_id is not null;
create index audit_event_time on audit_event (occurred_at, received_order);

-- Replays: at most one per projection at a time; the row survives restarts so a replay resumes.
create table projection_replay (
    projection     text        not null primary key,
    status         text        not null,
    requested_by   text        not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    events_done    bigint,
    detail         text,
    updated_at     timestamptz not null default now()
);
