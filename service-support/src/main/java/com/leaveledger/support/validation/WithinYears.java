package com.leaveledger.support.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A date ({@code LocalDate}), an instant ({@code Instant}, its year in UTC) or a year number ({@code Integer},
 * {@code int}, {@code Long}) within the years {@link #from()} to {@link #to()}, both included. {@code null} is valid.
 * Keeps dates the ledger cannot mean (year 0, +999999999) away from the domain's arithmetic and the database.
 */
@Documented
@Constraint(validatedBy = {WithinYearsValidators.ForLocalDate.class, WithinYearsValidators.ForInstant.class,
        WithinYearsValidators.ForNumber.class})
@Target({METHOD, FIELD, ANNOTATION_TYPE, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface WithinYears {

    int from();

    int to();

    String message() default "must be within the years {from} to {to}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
