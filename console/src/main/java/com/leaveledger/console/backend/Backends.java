package com.leaveledger.console.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.console.ConsoleProperties;
import java.net.URI;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** The three services, one {@link RestClient} each, at the base URLs of {@link ConsoleProperties}. */
@Component
public class Backends {

    public static final String COMMAND_SIDE = "command-side";
    public static final String QUERY_SIDE = "query-side";
    public static final String NOTIFICATION_SAGA = "notification-saga";

    private final Backend command;
    private final Backend query;
    private final Backend notifications;

    public Backends(ConsoleProperties properties, RestClient.Builder builder, ObjectMapper json) {
        ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
                .withConnectTimeout(properties.timeout()).withReadTimeout(properties.timeout());
        this.command = backend(COMMAND_SIDE, properties.commandUrl(), builder, settings, json);
        this.query = backend(QUERY_SIDE, properties.queryUrl(), builder, settings, json);
        this.notifications = backend(NOTIFICATION_SAGA, properties.notificationUrl(), builder, settings, json);
    }

    private static Backend backend(String name, URI baseUrl, RestClient.Builder builder,
                                   ClientHttpRequestFactorySettings settings, ObjectMapper json) {
        RestClient client = builder.clone().baseUrl(baseUrl.toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings)).build();
        return new Backend(name, client, json);
    }

    public Backend command() {
        return command;
    }

    public Backend query() {
        return query;
    }

    public Backend notifications() {
        return notifications;
    }
}
