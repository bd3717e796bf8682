/**
 * The jobs over every active employee's accounts: the monthly accrual, the year-end close and the daily lapse of
 * expired carried days (docs/adr/0044, docs/leave-policies.md). They only send commands; the LeaveAccount aggregate
 * makes each one happen once per account and period, so concurrent instances and a resumed run change nothing twice.
 */
package com.leaveledger.command.accountjobs;
