-- Axon's JDBC storage engine replaces the JPA one (docs/adr/0013). It inserts events without a global index and
-- lets the database number them, one by one: Hibernate's pooled sequence (increment 50) is no longer used.
-- The sequence's current value is at or above every index Hibernate handed out, so numbering stays increasing.
alter sequence domain_event_entry_seq increment by 1;
alter sequence domain_event_entry_seq owned by domain_event_entry.global_index;
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');

-- Hibernate-only leftovers of V1 that nothing reads on the command side (no sagas, no dead letters here).
drop table association_value_entry;
drop sequence association_value_entry_seq;
drop table saga_entry;
drop table dead_letter_entry;
