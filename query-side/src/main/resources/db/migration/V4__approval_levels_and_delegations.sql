-- Issue 27: multi-level approval and delegation in projection "leave-requests".
-- approvals: the levels the request must pass, in order (LeaveRequestedEvent.approvals); awaiting: the level it waits
-- for now (null once decided or cancelled); levels: the levels passed, [{level, approvedAs, approvedBy, onBehalfOf,
-- at}]; decided_on_behalf_of: the manager the final decider stood in for (a delegation or an escalation).
alter table leave_request
    add column approvals            jsonb not null default '[]',
    add column awaiting             text,
    add column levels               jsonb not null default '[]',
    add column decided_on_behalf_of text;

-- Rows projected before: every type but SICK awaited its manager only (as LeaveRequestedEventUpcaster reads them).
update leave_request set approvals = '["MANAGER"]' where leave_type <> 'SICK';
update leave_request set awaiting = 'MANAGER' where status = 'SUBMITTED' and leave_type <> 'SICK';
update leave_request set levels = jsonb_build_array(jsonb_build_object('level', 1, 'approvedAs', 'MANAGER',
        'approvedBy', decided_by, 'onBehalfOf', null, 'at', decided_at))
    where status in ('APPROVED', 'CANCELLED') and decided_by is not null and decided_by <> 'system'
      and leave_type <> 'SICK';

drop index leave_request_pending;
create index leave_request_pending on leave_request (manager_id, submitted_at)
    where status = 'SUBMITTED' and awaiting = 'MANAGER';
create index leave_request_pending_hr on leave_request (submitted_at) where status = 'SUBMITTED' and awaiting = 'HR';

-- Managers' delegations of their approvals (ApprovalsDelegatedEvent, DelegationRevokedEvent), in the same projection
-- so that a pending-approval list is one read of one projection's tables.
create table approval_delegation (
    delegation_id text        not null primary key,
    manager_id    text        not null,
    delegate_id   text        not null,
    valid_from    date        not null,
    valid_to      date        not null,
    revoked_at    timestamptz,
    last_seq      bigint      not null
);
create index approval_delegation_delegate on approval_delegation (delegate_id, valid_to);
