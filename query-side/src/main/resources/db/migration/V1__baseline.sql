-- Baseline of the query_side schema: proves the migration pipeline and records which service
-- owns the schema. Read-model tables come in later migrations.
CREATE TABLE service_info (
    service     text        PRIMARY KEY,
    description text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO service_info (service, description)
VALUES ('query-side', 'Read models, audit queries and projection replay of Leave Ledger');
