package com.leaveledger.support.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeavePoliciesTest {

    private final LeavePolicies defaults = LeavePolicyConfiguration.defaults();

    @Test
    void theDefaultsGiveEveryTypeItsPolicy() {
        LeavePolicy annual = defaults.of(LeaveType.ANNUAL);
        assertThat(annual.allowsHalfDays()).isTrue();
        assertThat(annual.mayGoNegative()).isFalse();
        assertThat(annual.carryOver().cap()).isEqualByComparingTo("5");
        assertThat(annual.carryOver().expiryIn(2028)).isEqualTo(LocalDate.of(2028, 3, 31));
        assertThat(defaults.of(LeaveType.SICK).needsApproval()).isFalse();
        assertThat(defaults.reminders()).isEqualTo(new LeavePolicies.Reminders(2, 5));
        assertThat(defaults.of(LeaveType.SICK).mayGoNegative()).isTrue();
        assertThat(defaults.of(LeaveType.PARENTAL).allowsHalfDays()).isFalse();
        assertThat(defaults.of(LeaveType.UNPAID).approvals()).extracting(LeavePolicy.ApprovalLevel::approver)
                .containsExactly(Approver.MANAGER);
    }

    @Test
    void aLevelWithAThresholdAppliesOnlyToLongerRequests() {
        LeavePolicy annual = defaults.of(LeaveType.ANNUAL);
        assertThat(annual.approvalsFor(new BigDecimal("10"))).containsExactly(Approver.MANAGER);
        assertThat(annual.approvalsFor(new BigDecimal("10.5"))).containsExactly(Approver.MANAGER, Approver.HR);
        assertThat(defaults.of(LeaveType.PARENTAL).approvalsFor(BigDecimal.ONE)).hasSize(2);
    }

    @Test
    void everyLeaveTypeMustHaveAPolicy() {
        assertThatThrownBy(() -> new LeavePolicies(Map.of(LeaveType.ANNUAL, defaults.of(LeaveType.ANNUAL)),
                defaults.reminders()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SICK").hasMessageContaining("PARENTAL").hasMessageContaining("UNPAID");
    }

    @Test
    void oneTypeCanBeReplacedForATest() {
        LeavePolicy noApproval = new LeavePolicy(true, false, null, null, null);
        LeavePolicies changed = defaults.with(LeaveType.ANNUAL, noApproval);
        assertThat(changed.of(LeaveType.ANNUAL).needsApproval()).isFalse();
        assertThat(defaults.of(LeaveType.ANNUAL).needsApproval()).isTrue();
    }
}
