package com.leaveledger.kernel.leaverequest;

import java.math.BigDecimal;

/** The working days a request draws from the account of one calendar year. */
public record YearShare(int year, BigDecimal days) {
}
