package com.leaveledger.console.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.console.ConsoleProperties;
import java.net.URI;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** The three services, one {@link RestClient} each, at the base URLs of {@link ConsoleProperties}. */
@Component
public record Backends(Backend command, Backend query, Backend notifications) {

    public static final String COMMAND_SIDE = "command-side";
    public static final String QUERY_SIDE = "query-side";
    public static final String NOTIFICATION_SAGA = "notification-saga";

    @Autowired
    public Backends(ConsoleProperties properties, RestClient.Builder builder, ObjectMapper json) {
        this(backend(COMMAND_SIDE, properties.commandUrl(), properties, builder, json),
                backend(QUERY_SIDE, properties.queryUrl(), properties, builder, json),
                backend(NOTIFICATION_SAGA, properties.notificationUrl(), properties, builder, json));
    }

    private static Backend backend(String name, URI baseUrl, ConsoleProperties properties, RestClient.Builder builder,
                                   ObjectMapper json) {
        ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
                .withConnectTimeout(properties.timeout()).withReadTimeout(properties.timeout());
        RestClient client = builder.clone().baseUrl(baseUrl.toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings)).build();
        return new Backend(name, client, json);
    }
}
