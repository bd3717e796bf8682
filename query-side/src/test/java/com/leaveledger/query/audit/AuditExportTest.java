package com.leaveledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AuditExportTest {

    @Test
    void quotesCsvFieldsOnlyWhenTheyNeedIt() {
        assertThat(AuditExport.csvField("plain")).isEqualTo("plain");
        assertThat(AuditExport.csvField(null)).isEmpty();
        assertThat(AuditExport.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExport.csvField("{\"days\":1}")).isEqualTo("\"{\"\"days\"\":1}\"");
        assertThat(AuditExport.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void endsEveryRowWithCrLf() throws Exception {
        StringWriter out = new StringWriter();
        AuditExport.writeCsvRow(out, new String[] {"a", null, "c,d"});

        assertThat(out).hasToString("a,,\"c,d\"\r\n");
    }
}
