package com.leaveledger.query.audit;

import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Balances folded from the ledger's account events in sequence order, with the LeaveAccount aggregate's arithmetic:
 * grants, accruals, carry-overs and corrections add; days carried forward into the next year and lapsed carried days
 * leave {@code carried}; a reservation holds days; a deduction turns a hold into taken days; a
 * release drops a hold; a restoration gives taken days back. Event types it does not know are skipped.
 */
public final class LedgerFold {

    private final Map<String, Account> accounts = new TreeMap<>();
    private long applied;

    /** Applies one account event: its simple type name, account id and days. */
    public void apply(String eventType, String accountId, BigDecimal days) {
        Account account = accounts.computeIfAbsent(accountId, Account::new);
        switch (eventType) {
            case "EntitlementGrantedEvent" -> account.granted = account.granted.add(days);
            case "DaysAccruedEvent" -> account.granted = account.granted.add(days);
            case "CarriedOverEvent" -> account.carried = account.carried.add(days);
            case "BalanceCarriedForwardEvent", "CarriedDaysExpiredEvent" ->
                    account.carried = account.carried.subtract(days);
            case "BalanceAdjustedEvent" -> account.adjusted = account.adjusted.add(days);
            case "DaysReservedEvent" -> account.reserved = account.reserved.add(days);
            case "ReservationReleasedEvent" -> account.reserved = account.reserved.subtract(days);
            case "DaysDeductedEvent" -> {
                account.reserved = account.reserved.subtract(days);
                account.deducted = account.deducted.add(days);
            }
            case "DaysRestoredEvent" -> account.deducted = account.deducted.subtract(days);
            default -> {
                return;
            }
        }
        applied++;
    }

    public long applied() {
        return applied;
    }

    public List<AccountBalance> balances() {
        List<AccountBalance> balances = new ArrayList<>();
        for (Account account : accounts.values()) {
            LeaveAccountId id = LeaveAccountId.parse(account.id);
            balances.add(new AccountBalance(id.leaveType().name(), id.year(), account.granted, account.carried,
                    account.adjusted, account.deducted, account.reserved,
                    account.granted.add(account.carried).add(account.adjusted).subtract(account.deducted)
                            .subtract(account.reserved)));
        }
        balances.sort(java.util.Comparator.comparing(AccountBalance::year).thenComparing(AccountBalance::leaveType));
        return balances;
    }

    public record AccountBalance(String leaveType, int year, BigDecimal granted, BigDecimal carried,
                                 BigDecimal adjusted, BigDecimal deducted, BigDecimal reserved, BigDecimal available) {
    }

    private static final class Account {

        private final String id;
        private BigDecimal granted = new BigDecimal("0.0");
        private BigDecimal carried = new BigDecimal("0.0");
        private BigDecimal adjusted = new BigDecimal("0.0");
        private BigDecimal deducted = new BigDecimal("0.0");
        private BigDecimal reserved = new BigDecimal("0.0");

        private Account(String id) {
            this.id = id;
        }
    }
}
