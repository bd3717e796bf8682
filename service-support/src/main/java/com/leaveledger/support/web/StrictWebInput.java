package com.leaveledger.support.web;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC reads its input strictly: JSON bodies as well-formed UTF-8 ({@link StrictJsonConverter}) with
 * {@link StrictJsonInput} (in a converter of their own, so that the shared converter other clients may use is left
 * alone), and path variables and query parameters
 * converted without Spring's leniency: integers in plain decimal ({@code Integer.decode} would take {@code 0x7E3},
 * {@code #7E3}, {@code 03743} or {@code +2019} as well), enum values by their exact name (Spring trims them).
 */
public class StrictWebInput implements WebMvcConfigurer {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Integer.class, source -> source.isEmpty() ? null
                : Integer.valueOf(decimal(source)));
        registry.addConverter(String.class, Long.class, source -> source.isEmpty() ? null
                : Long.valueOf(decimal(source)));
        registry.addConverterFactory(new ExactEnums());
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i).getClass() == MappingJackson2HttpMessageConverter.class) {
                MappingJackson2HttpMessageConverter shared = (MappingJackson2HttpMessageConverter) converters.get(i);
                converters.set(i, new StrictJsonConverter(StrictJsonInput.copyOf(shared.getObjectMapper())));
            }
        }
    }

    private static String decimal(String source) {
        if (!DECIMAL.matcher(source).matches()) {
            throw new NumberFormatException("not a decimal integer");
        }
        return source;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class ExactEnums implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
            Class<?> enumType = targetType;
            while (enumType != null && !enumType.isEnum()) {
                enumType = enumType.getSuperclass();
            }
            Class<T> type = (Class<T>) enumType;
            return source -> source.isEmpty() ? null : (T) Enum.valueOf(type, source);
        }
    }
}
