-- Per-employee data keys for personal data in events (docs/adr/0033, section 5). A schema of its own: the keys are
-- not events (erasure removes one), and the key column holds only keys wrapped by the key-encryption key, which
-- the database never holds. Erasure sets wrapped_key to null and keeps the row, so no key is created again.
create schema if not exists ledger_keys;

-- "if not exists": the schema outlives command_side when a test or a benchmark drops only that one.
create table if not exists ledger_keys.data_key (
    employee_id varchar(64) not null primary key,
    wrapped_key bytea,
    created_at  timestamptz not null default now(),
    erased_at   timestamptz,
    constraint data_key_erased_or_present check ((wrapped_key is null) = (erased_at is not null))
);
