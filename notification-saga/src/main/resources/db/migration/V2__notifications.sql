-- Notification saga schema (docs/adr/0020-0022, docs/notifications.md).

-- ------------------------------------------------------------------------------------------------------------
-- Axon's JPA entities (the same shape as command_side's, payloads as bytea holding JSON, docs/adr/0003).
-- domain_event_entry is this service's own event store, the saga's input: the domain events the inbox forwarded
-- from Kafka, NotificationFailedEvent (the saga compensates) and the dead-letter admin's retries and dismissals:
--   select payload_type, convert_from(payload, 'UTF8') from notification_saga.domain_event_entry order by global_index;
create sequence domain_event_entry_seq start with 1 increment by 50;
create table domain_event_entry (
    global_index         bigint       not null primary key,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    event_identifier     varchar(255) not null unique,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    time_stamp           varchar(255) not null,
    -- Two commands appending the same sequence number of one aggregate: the second fails (no lost update).
    constraint domain_event_entry_aggregate_sequence unique (aggregate_identifier, sequence_number)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null unique,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    time_stamp           varchar(255) not null,
    primary key (sequence_number, aggregate_identifier, type)
);

-- Tracking tokens: notification-inbox and employee-directory (Kafka offsets), notification-saga (event store).
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    owner          varchar(255),
    timestamp      varchar(255) not null,
    primary key (segment, processor_name)
);

-- Saga instances (one per leave request) and their associations (leaveRequestId).
create sequence association_value_entry_seq start with 1 increment by 50;
create table association_value_entry (
    -- the JDBC saga store inserts without an id (docs/adr/0020)
    id                bigint       not null primary key default nextval('association_value_entry_seq'),
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

-- Axon's sequenced dead-letter entity (registered by its JPA auto-configuration; sagas cannot use it, see
-- docs/adr/0021: our own dead_letter table below holds the saga side's dead letters).
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

-- ------------------------------------------------------------------------------------------------------------
-- Employee directory: contact data and channel preferences, projected from EmployeeRegisteredEvent.
create table employee_directory (
    employee_id     text        primary key,
    name            text,
    email           text,
    phone           text,
    push_token      text,
    manager_id      text,
    -- comma-separated Channel names the employee agreed to (empty: all)
    channels        text        not null default '',
    source_event_id text        not null,
    updated_at      timestamptz not null default now()
);

-- The saga's inbox: ids of the domain events forwarded from Kafka into the event store (drops redeliveries).
create table inbox (
    event_id         text        primary key,
    payload_type     text        not null,
    leave_request_id text        not null,
    received_at      timestamptz not null default now()
);

-- One row per notification and channel: the deduplication record (source event, channel, recipient) and the
-- delivery's current state. delivery_id is a name-based UUID of the triple and the providers' idempotency key.
create table delivery (
    delivery_id         uuid        primary key,
    source_event_id     text        not null,
    channel             text        not null,
    recipient_id        text        not null,
    recipient_role      text        not null,
    kind                text        not null,
    leave_request_id    text        not null,
    employee_id         text        not null,
    manager_id          text,
    fallback_channel    text,
    fallback_for        uuid,
    details             text        not null,
    correlation_id      text,
    -- PENDING, RETRYING (open); SENT, SKIPPED, FAILED, FALLEN_BACK, DEAD_LETTERED, CANCELLED
    status              text        not null,
    attempts            integer     not null default 0,
    last_error          text,
    address             text,
    provider_message_id text,
    -- the instance driving an open delivery, until lease_until; then any instance may take it over
    owner               text,
    lease_until         timestamptz,
    requested_at        timestamptz not null,
    last_attempt_at     timestamptz,
    completed_at        timestamptz,
    constraint delivery_identity unique (source_event_id, channel, recipient_id)
);
create index delivery_by_leave_request on delivery (leave_request_id);
create index delivery_open_by_lease on delivery (lease_until) where status in ('PENDING', 'RETRYING');

-- Every delivery outcome, append-only, for compliance: NotificationRequested / Sent / Skipped / Failed / FellBack /
-- DeadLettered / Cancelled, each with the JSON of the event, its metadata and time. (NotificationFailedEvent is also
-- appended to the event store: it is the one outcome the saga acts on.)
create table delivery_event (
    event_id         uuid        primary key,
    delivery_id      uuid        not null,
    leave_request_id text        not null,
    type             text        not null,
    payload          text        not null,
    correlation_id   text,
    causation_id     text,
    actor            text,
    occurred_at      timestamptz not null
);
create index delivery_event_by_leave_request on delivery_event (leave_request_id, occurred_at);
create index delivery_event_by_delivery on delivery_event (delivery_id);

-- The AUDIT channel: one compliance record per notification (event × recipient).
create table compliance_audit (
    delivery_id      uuid        primary key,
    leave_request_id text        not null,
    source_event_id  text        not null,
    kind             text        not null,
    recipient_id     text        not null,
    recipient_role   text        not null,
    channels         text        not null,
    correlation_id   text,
    actor            text,
    recorded_at      timestamptz not null
);
create index compliance_audit_by_leave_request on compliance_audit (leave_request_id);

-- Dead letters of the saga side (docs/adr/0021): DELIVERY (retries and fallbacks used up) and SAGA_EVENT (an
-- event the saga failed on, kept whole for a retry). Never deleted: a retry or dismissal closes the row.
create table dead_letter (
    dead_letter_id   uuid        primary key,
    kind             text        not null,
    status           text        not null,
    delivery_id      uuid        references delivery (delivery_id),
    leave_request_id text,
    channel          text,
    recipient_id     text,
    processing_group text,
    event_identifier text,
    payload_type     text,
    payload_revision text,
    payload          bytea,
    meta_data        bytea,
    event_timestamp  timestamptz,
    attempts         integer     not null default 0,
    cause_type       text        not null,
    cause_message    text,
    created_at       timestamptz not null,
    -- set once the leave-ledger.notifications.dlq topic acknowledged the record (this table is its outbox)
    published_at     timestamptz,
    resolved_at      timestamptz,
    resolved_by      text,
    resolution_note  text
);
create index dead_letter_unpublished on dead_letter (created_at) where published_at is null;
create index dead_letter_by_status on dead_letter (status, created_at);
