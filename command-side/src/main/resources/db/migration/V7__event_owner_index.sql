-- Which employee each aggregate belongs to, for evidence bundles (docs/adr/0033, section 6): the employee itself,
-- its leave accounts (<employee>:<TYPE>:<year>; an employee id holds no ':') and its leave requests (a UUID: the owner
-- is the employeeId of the request's first event). An expression index over every aggregate's first event, so that
-- GET /api/audit/bundle finds an employee's aggregates without reading the store, and an append pays for it only
-- when it starts an aggregate.

-- plpgsql: convert_from is only STABLE (and a SQL function would be inlined into the index expression), and a request
-- payload that is not JSON must leave the event insertable, owned by nobody, rather than refuse the append (the
-- exception block, a subtransaction, is entered for a request's first event only). Building the index reads the
-- table once and blocks appends meanwhile. Parallel unsafe: a parallel index build (a store of some size) cannot enter
-- the exception block's subtransaction, so the build stays in one process.
create function ledger_event_owner(type text, aggregate_identifier text, payload bytea) returns text
    language plpgsql immutable parallel unsafe
as $$
begin
    if type = 'Employee' then
        return aggregate_identifier;
    elsif type = 'LeaveAccount' then
        return split_part(aggregate_identifier, ':', 1);
    elsif type <> 'LeaveRequest' or type is null then
        return null;
    end if;
    begin
        return convert_from(payload, 'UTF8')::jsonb ->> 'employeeId';
    exception
        when others then
            return null;
    end;
end
$$;

create index domain_event_entry_owner on domain_event_entry (ledger_event_owner(type, aggregate_identifier, payload))
    where sequence_number = 0;
