package com.leaveledger.query.projection;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** Every projection of the query side, and the one live instance of each (the event handler of its processor). */
public class ProjectionCatalog {

    private final Map<String, ProjectionDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, Object> live = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final Duration carefulWindow;

    public ProjectionCatalog(List<ProjectionDefinition> definitions, DataSource dataSource, Duration carefulWindow) {
        definitions.forEach(definition -> this.definitions.put(definition.name(), definition));
        this.dataSource = dataSource;
        this.carefulWindow = carefulWindow;
    }

    public List<ProjectionDefinition> all() {
        return List.copyOf(definitions.values());
    }

    public Optional<ProjectionDefinition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** The instance that keeps the live tables up to date. */
    public Object live(String name) {
        ProjectionDefinition definition = find(name).orElseThrow();
        return live.computeIfAbsent(name, n -> definition.factory()
                .create(new ProjectionWriter(n, dataSource, carefulWindow), TableNames.live()));
    }

    /** A fresh instance writing the shadow tables, for a replay. */
    public Object shadow(String name) {
        ProjectionDefinition definition = find(name).orElseThrow();
        return definition.factory().create(
                new ProjectionWriter(definition.replayProcessorName(), dataSource, carefulWindow), TableNames.shadow());
    }
}
