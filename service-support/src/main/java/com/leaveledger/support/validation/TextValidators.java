package com.leaveledger.support.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.function.Function;

/** The validators of {@link PlainText} and {@link Prose}: the message names the offending code point. */
final class TextValidators {

    private TextValidators() {
    }

    public static final class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return check(value, context, TextRules::plainTextProblem);
        }
    }

    public static final class ProseValidator implements ConstraintValidator<Prose, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return check(value, context, TextRules::proseProblem);
        }
    }

    private static boolean check(CharSequence value, ConstraintValidatorContext context,
                                 Function<CharSequence, String> rule) {
        String problem = rule.apply(value);
        if (problem == null) {
            return true;
        }
        // the message is ours (no user text), so it is safe as a message template
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
