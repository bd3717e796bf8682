package com.leaveledger.kernel.leaveaccount;

import com.leaveledger.kernel.privacy.PersonalData;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * HR granted days. Revision 2 added {@code expiresOn}, the last day the granted days may be taken; revision 1
 * events are upcast with the last day of the account's year ({@code EntitlementGrantedEventUpcaster}).
 */
@Revision("2")
public record EntitlementGrantedEvent(LeaveAccountId accountId, BigDecimal days, @PersonalData String reason, LocalDate expiresOn)
        implements LeaveAccountEvent {

    /** Days that lapse with the account's year. */
    public EntitlementGrantedEvent(LeaveAccountId accountId, BigDecimal days, String reason) {
        this(accountId, days, reason, LocalDate.of(accountId.year(), 12, 31));
    }
}
