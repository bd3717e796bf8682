package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleJsonTest {

    @Test
    void readsTheValuesTheFormatUses() {
        Map<String, Object> line = BundleJson.object(
                " {\"a\":\"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"n\":-9223372036854775808,\"t\":true,"
                        + "\"f\":false,\"z\":null,\"list\":[1,[],{}],\"o\":{\"k\":\"é\"}} ");

        assertThat(line.get("a")).isEqualTo("x\"\\/\b\f\n\r\té😀");
        assertThat(line.get("n")).isEqualTo(Long.MIN_VALUE);
        assertThat(line).containsEntry("t", true).containsEntry("f", false).containsEntry("z", null);
        assertThat(line.get("list")).isEqualTo(List.of(1L, List.of(), Map.of()));
        assertThat(line.get("o")).isEqualTo(Map.of("k", "é"));
    }

    @Test
    void refusesWhatIsNotOneJsonObjectOfTheFormat() {
        for (String bad : List.of("", "[]", "{", "{\"a\":1,}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":01x}",
                "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{\"a\":1}{}", "{\"a\":1,\"a\":2}",
                "{\"a\":99999999999999999999}", "{\"a\":tru}", "{a:1}",
                "{\"a\":[[[[[[[[[[1]]]]]]]]]]}")) {
            assertThatThrownBy(() -> BundleJson.object(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void whatTheWriterEscapesTheParserReadsBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleWriter writer = new BundleWriter(out);
        String odd = "quote \" backslash \\ newline \n nul \u0000 del \u007f é 😀";
        writer.digest(7, odd, 3, new byte[32]);
        writer.flush();
        String line = out.toString(StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain("\n}");
        assertThat(BundleJson.object(line.strip()).get("aggregateId")).isEqualTo(odd);
    }
}
