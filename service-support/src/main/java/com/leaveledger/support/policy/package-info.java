/**
 * Leave policies: per leave type, its approval levels, half days, negative balance, accrual and carry-over, read
 * from configuration at start-up (docs/leave-policies.md).
 */
package com.leaveledger.support.policy;
