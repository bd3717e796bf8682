package com.leaveledger.query.projection;

import java.util.List;

/**
 * A projection: its name (which is also its processing group and the name of its processor), the tables it owns
 * and how to make an instance writing to a given set of tables (live, or the shadow copies a replay fills).
 */
public record ProjectionDefinition(String name, List<String> tables, Factory factory) {

    public ProjectionDefinition {
        tables = List.copyOf(tables);
    }

    /** The processor that rebuilds this projection into its shadow tables. */
    public String replayProcessorName() {
        return name + "-replay";
    }

    @FunctionalInterface
    public interface Factory {

        Object create(ProjectionWriter writer, TableNames tables);
    }
}
