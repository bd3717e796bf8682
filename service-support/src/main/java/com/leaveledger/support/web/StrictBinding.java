package com.leaveledger.support.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Path variables and query parameters bound without Spring's fallback. When the conversion service refuses a value
 * ({@link StrictWebInput}'s converters), Spring's binder tries its default property editors next, and they take
 * {@code 0x7E3} or {@code #7E3} for an int ({@code NumberUtils.parseNumber}) and trim an enum's name. Custom editors
 * come before both, so these refuse what the converters refuse: integers in plain decimal, enum names without
 * surrounding whitespace (the exact name is then looked up by Spring). A refusal is a 400 naming the parameter.
 */
@ControllerAdvice
public class StrictBinding {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    @InitBinder
    public void strictScalars(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new DecimalEditor(false, Integer::valueOf));
        binder.registerCustomEditor(Integer.class, new DecimalEditor(true, Integer::valueOf));
        binder.registerCustomEditor(long.class, new DecimalEditor(false, Long::valueOf));
        binder.registerCustomEditor(Long.class, new DecimalEditor(true, Long::valueOf));
        binder.registerCustomEditor(Enum.class, new UntrimmedEditor());
    }

    private static final class DecimalEditor extends PropertyEditorSupport {

        private final boolean allowEmpty;
        private final Function<String, Number> parse;

        DecimalEditor(boolean allowEmpty, Function<String, Number> parse) {
            this.allowEmpty = allowEmpty;
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isEmpty()) {
                if (!allowEmpty) {
                    throw new IllegalArgumentException("a number is required");
                }
                setValue(null);
                return;
            }
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a decimal integer");
            }
            setValue(parse.apply(text));
        }
    }

    /** Leaves the text as it is for Spring to look the constant up by name, unless it has whitespace around it. */
    private static final class UntrimmedEditor extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            if (text != null && !text.equals(text.strip())) {
                throw new IllegalArgumentException("not an exact name");
            }
            setValue(text == null || text.isEmpty() ? null : text);
        }
    }
}
