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
 * Text a person writes in sentences (a reason, a comment): line breaks and tabs allowed, no other control character
 * ({@link TextRules}). {@code null} is valid; combine with
 * {@code @NotBlank} and {@code @Size} for presence and length.
 */
@Documented
@Constraint(validatedBy = TextValidators.ProseValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Prose {

    String message() default "must be text without control characters other than line breaks and tabs";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
