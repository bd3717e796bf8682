package com.leaveledger.command.web;

import com.leaveledger.support.web.openapi.LedgerOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The API described at {@code /v3/api-docs} (the bearer scheme is added by service-support's LedgerOpenApi). */
    @Bean
    OpenAPI commandApi(ObjectProvider<BuildProperties> build) {
        return LedgerOpenApi.document("Leave Ledger command API", "Commands answer 202 with the aggregate id; "
                + "refusals are RFC 9457 problem+json naming the broken rule. Send Idempotency-Key to make a retry "
                + "safe.", build);
    }
}
