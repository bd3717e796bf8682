package com.leaveledger.kernel;

import com.leaveledger.kernel.employee.EmployeeId;

/**
 * Every domain event of the ledger. Each names the employee it concerns: that id is the Kafka record key,
 * so all events of one employee land on one partition in the order they were stored. The sealed
 * sub-interfaces (one per aggregate) let projections switch exhaustively.
 */
public interface LedgerEvent {

    EmployeeId employeeId();
}
