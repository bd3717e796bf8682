package com.leaveledger.kernel.leaveaccount;

import com.leaveledger.kernel.privacy.PersonalData;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Days moved into this account from the same type's account of {@code fromYear}. Revision 2 added
 * {@code expiresOn}, the last day the carried days may be taken (none: they never lapse); revision 1 events are upcast
 * without one, which is what they meant ({@code CarriedOverEventUpcaster}).
 */
@Revision("2")
public record CarriedOverEvent(LeaveAccountId accountId, BigDecimal days, int fromYear, @PersonalData String reason,
                               LocalDate expiresOn) implements LeaveAccountEvent {

    /** Carried days that never lapse. */
    public CarriedOverEvent(LeaveAccountId accountId, BigDecimal days, int fromYear, String reason) {
        this(accountId, days, fromYear, reason, null);
    }
}
