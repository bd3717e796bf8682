package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class QuerySideApplicationIT extends QuerySideIT {

    @Test
    void reportsHealthyAgainstRealPostgres() {
        assertHealthy();
    }

    @Test
    void publishesOpenApiDocumentAsJson() {
        JsonNode docs = openApiDocument("Leave Ledger query side");

        assertThat(docs.path("paths").has("/api/audit/export")).isTrue();
        assertThat(docs.path("paths").has("/admin/projections/{name}/replay")).isTrue();
    }

    @Test
    void everyProjectionPutsTheEventsCorrelationIdIntoTheLogContext() {
        for (String projection : ALL) {
            assertThat(processing.interceptorsFor(projection)).as(projection)
                    .hasAtLeastOneElementOfType(CorrelationIdLogContext.class);
        }
    }

    @Test
    void migratesItsOwnSchema() {
        String owner = jdbc.queryForObject("select service from query_side.service_info", String.class);

        assertThat(owner).isEqualTo("query-side");
    }

    @Test
    void answersWithoutTokenWith401ProblemJson() {
        ResponseEntity<JsonNode> answer = get("/api/employees/x/balances", null);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getBody().path("rule").asText()).isEqualTo("unauthenticated");
    }
}
