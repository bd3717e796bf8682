-- Baseline of the notification_saga schema: proves the migration pipeline and records which service
-- owns the schema. Saga and delivery tables come in later migrations.
CREATE TABLE service_info (
    service     text        PRIMARY KEY,
    description text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO service_info (service, description)
VALUES ('notification-saga', 'Notification saga, channel delivery and dead letters of Leave Ledger');
