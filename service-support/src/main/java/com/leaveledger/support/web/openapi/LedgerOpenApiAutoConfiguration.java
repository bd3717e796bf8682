package com.leaveledger.support.web.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document each service publishes with springdoc, made to say what the service does: problem responses
 * per operation ({@link ProblemResponses}, {@link ProblemResponse}), nullable and required properties as Jackson and
 * bean validation treat them ({@link NullableProperties}, {@link LedgerOpenApi}), the bearer scheme. The e2e contract
 * test checks real requests and answers against it (docs/api.md#the-openapi-contract).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LedgerOpenApiAutoConfiguration {

    @Bean
    LedgerOpenApi ledgerOpenApi(NullableProperties nullableProperties) {
        return new LedgerOpenApi(nullableProperties);
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    NullableProperties nullableProperties() {
        return new NullableProperties();
    }
}
