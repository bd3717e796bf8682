/**
 * One calendar for every service: public holidays (jollyday), each country's working week, an employee's own
 * working days when part time, and the working-day count of a period (docs/leave-policies.md).
 */
package com.leaveledger.support.calendar;
