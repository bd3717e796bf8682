package com.leaveledger.kernel;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Leave is counted in days and half days; amounts are normalised to one decimal place. */
public final class Days {

    public static final BigDecimal HALF = new BigDecimal("0.5");

    private Days() {
    }

    public static BigDecimal of(String value) {
        return normalise(new BigDecimal(value));
    }

    public static BigDecimal normalise(BigDecimal days) {
        return days.setScale(1, RoundingMode.UNNECESSARY);
    }

    /** True if the amount is a whole number of half days. */
    public static boolean isHalfDayMultiple(BigDecimal days) {
        return days.multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() <= 0;
    }
}
