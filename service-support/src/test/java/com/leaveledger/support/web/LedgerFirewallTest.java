package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;

class LedgerFirewallTest {

    private final LedgerFirewall firewall = new LedgerFirewall();

    @Test
    void letsOrdinaryRequestsThrough() {
        MockHttpServletRequest request = request("POST", "/api/leave-requests");
        request.addHeader("Authorization", "Bearer abc.def.ghi");
        request.addHeader("X-Correlation-Id", "corr-1");
        request.addHeader("Idempotency-Key", "key 1/2!~");
        request.addHeader("User-Agent", "Zoë's client\t1.0");
        request.setParameter("actor", "Zoë Ångström");
        assertThat(firewall.getFirewalledRequest(request)).isNotNull();
    }

    @Test
    void refusesUnknownMethodsWith405() {
        for (String method : new String[] {"TRACE", "CONNECT", "PROPFIND", "get"}) {
            assertThatThrownBy(() -> firewall.getFirewalledRequest(request(method, "/api/employees")))
                    .isInstanceOfSatisfying(InputRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
                        assertThat(e.rule()).isEqualTo("method-not-allowed");
                    });
        }
    }

    @Test
    void headersWeReadAreVisibleAsciiOnly() {
        for (String header : new String[] {"Authorization", "x-correlation-id", "Idempotency-Key"}) {
            for (String value : new String[] {"a\u0080b", "a\u009fb", "aéb", "a\u0000b", "a\tb"}) {
                MockHttpServletRequest request = request("POST", "/api/leave-requests");
                request.addHeader(header, value);
                assertThatThrownBy(() -> firewall.getFirewalledRequest(request)).as(header)
                        .isInstanceOfSatisfying(InputRejectedException.class,
                                e -> assertThat(e.field()).isEqualToIgnoringCase(header));
            }
        }
    }

    @Test
    void otherHeadersAreFreeOfControlCharacters() {
        MockHttpServletRequest request = request("GET", "/api/employees/eli/balances");
        request.addHeader("X-Anything", "a\u0085b");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(request))
                .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("X-Anything"));
    }

    @Test
    void queryParametersAreOneLineOfText() {
        for (String value : new String[] {"a\u0000b", "a\nb", "a\u001fb"}) {
            MockHttpServletRequest request = request("GET", "/api/audit/employees/eli");
            request.setParameter("actor", value);
            assertThatThrownBy(() -> firewall.getFirewalledRequest(request))
                    .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("actor"));
        }
    }

    @Test
    void keepsTheUrlRulesOfTheStrictFirewall() {
        for (String uri : new String[] {"/api/employees;x=1", "/api//employees", "/api/%2e%2e/employees",
                "/api/a%0d%0ab", "/api/a%00b"}) {
            MockHttpServletRequest request = request("GET", uri);
            assertThatThrownBy(() -> firewall.getFirewalledRequest(request)).as(uri)
                    .isInstanceOf(RequestRejectedException.class);
        }
        MockHttpServletRequest control = request("GET", "/api/leave-requests/a%01b");
        control.setServletPath("/api/leave-requests/a\u0001b");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(control))
                .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.field()).isEqualTo("path"));
    }

    @Test
    void theHandlerAnswersProblemDetailsNamingTheField() throws Exception {
        ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ProblemRequestRejectedHandler(json).handle(request("GET", "/"), response,
                new InputRejectedException(HttpStatus.BAD_REQUEST, "invalid-request", "Idempotency-Key", "bad"));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.get("rule").asText()).isEqualTo("invalid-request");
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");

        MockHttpServletResponse trace = new MockHttpServletResponse();
        new ProblemRequestRejectedHandler(json).handle(request("TRACE", "/"), trace, new InputRejectedException(
                HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "method", "no"));
        assertThat(trace.getStatus()).isEqualTo(405);
        assertThat(trace.getHeader("Allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");

        MockHttpServletResponse url = new MockHttpServletResponse();
        new ProblemRequestRejectedHandler(json).handle(request("GET", "/"), url, new RequestRejectedException(
                "The request was rejected because the URL contained a potentially malicious String \";\""));
        assertThat(json.readTree(url.getContentAsString()).at("/errors/0/field").asText()).isEqualTo("path");
        assertThat(json.readTree(url.getContentAsString()).get("rule").asText()).isEqualTo("malformed-request");
    }

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServletPath(uri);
        return request;
    }
}
