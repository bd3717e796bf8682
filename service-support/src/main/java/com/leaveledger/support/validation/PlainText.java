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
 * One line of text: no control characters, no line breaks ({@link TextRules}). {@code null} is valid; combine with
 * {@code @NotBlank} and {@code @Size} for presence and length.
 */
@Documented
@Constraint(validatedBy = TextValidators.PlainTextValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "must be one line of text without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
