package com.leaveledger.query.projection;

/**
 * The physical name of a projection's table. Live instances write the Flyway-managed tables; a replay writes the
 * same tables' shadow copies ({@code <table>_shadow}), which are swapped in when it has caught up (ADR 0011).
 */
public final class TableNames {

    public static final String SHADOW_SUFFIX = "_shadow";
    private static final TableNames LIVE = new TableNames("");
    private static final TableNames SHADOW = new TableNames(SHADOW_SUFFIX);

    private final String suffix;

    private TableNames(String suffix) {
        this.suffix = suffix;
    }

    public static TableNames live() {
        return LIVE;
    }

    public static TableNames shadow() {
        return SHADOW;
    }

    public String of(String table) {
        return table + suffix;
    }

    public boolean isShadow() {
        return !suffix.isEmpty();
    }
}
