package com.leaveledger.support.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The validators of {@link WithinYears}, one per supported type. */
final class WithinYearsValidators {

    private WithinYearsValidators() {
    }

    /** A year-bounded value of type {@code T}: its year, or the number itself, within the bounds. */
    private abstract static class ByYear<T> implements ConstraintValidator<WithinYears, T> {
        private int from;
        private int to;

        @Override
        public void initialize(WithinYears bounds) {
            from = bounds.from();
            to = bounds.to();
        }

        @Override
        public boolean isValid(T value, ConstraintValidatorContext context) {
            return value == null || (year(value) >= from && year(value) <= to);
        }

        abstract long year(T value);
    }

    public static final class ForLocalDate extends ByYear<LocalDate> {
        @Override
        long year(LocalDate value) {
            return value.getYear();
        }
    }

    public static final class ForInstant implements ConstraintValidator<WithinYears, Instant> {
        private Instant first;
        private Instant afterLast;

        @Override
        public void initialize(WithinYears bounds) {
            first = LocalDate.of(bounds.from(), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            afterLast = LocalDate.of(bounds.to() + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            // compared as instants: Instant.MAX has no LocalDateTime, so its year cannot be asked for
            return value == null || (!value.isBefore(first) && value.isBefore(afterLast));
        }
    }

    public static final class ForNumber extends ByYear<Number> {
        @Override
        long year(Number value) {
            return value.longValue();
        }
    }
}
