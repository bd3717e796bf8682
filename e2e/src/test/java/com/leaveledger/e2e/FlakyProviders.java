package com.leaveledger.e2e;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WireMock response transformer for the SMS and push stubs: answers a share of the calls, chosen at random, 503
 * (the provider is overloaded: retry), and leaves the stub's answer as it is otherwise.
 */
final class FlakyProviders implements ResponseDefinitionTransformerV2 {

    static final String NAME = "flaky-provider";

    private volatile double failing;

    void failing(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("a share is between 0 and 1: " + share);
        }
        this.failing = share;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        if (failing > 0 && ThreadLocalRandom.current().nextDouble() < failing) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"provider overloaded, try again\"}").build();
        }
        return serveEvent.getResponseDefinition();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
