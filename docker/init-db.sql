-- Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d), as the
-- superuser. Mirrors `scripts/ledger db-up`: the application role, the notary role that alone writes the
-- signed checkpoints (schema ledger_integrity, docs/adr/0033), the running-system, test and end-to-end test
-- databases, and btree_gist (exclusion constraints on date ranges) which needs a superuser.
-- Written to be re-runnable by hand: psql -U postgres -f docker/init-db.sql

SELECT 'CREATE ROLE leave_ledger LOGIN PASSWORD ''leave_ledger'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'leave_ledger') \gexec

SELECT 'CREATE ROLE leave_ledger_notary LOGIN PASSWORD ''leave_ledger_notary'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'leave_ledger_notary') \gexec

SELECT 'CREATE DATABASE leave_ledger OWNER leave_ledger'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'leave_ledger') \gexec

SELECT 'CREATE DATABASE leave_ledger_test OWNER leave_ledger'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'leave_ledger_test') \gexec

SELECT 'CREATE DATABASE leave_ledger_e2e OWNER leave_ledger'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'leave_ledger_e2e') \gexec

\connect leave_ledger
CREATE EXTENSION IF NOT EXISTS btree_gist;

\connect leave_ledger_test
CREATE EXTENSION IF NOT EXISTS btree_gist;

\connect leave_ledger_e2e
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The command side's second Flyway, logged in as the notary, creates schema ledger_integrity.
GRANT CREATE ON DATABASE leave_ledger, leave_ledger_test, leave_ledger_e2e TO leave_ledger_notary;
