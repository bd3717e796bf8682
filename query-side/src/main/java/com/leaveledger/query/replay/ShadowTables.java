package com.leaveledger.query.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shadow copies of a projection's tables and the atomic switch to them (ADR 0011).
 * <p>
 * A shadow table is created as {@code create table <t>_shadow (like <t> including all)}: the same columns, defaults,
 * constraints and indexes as the Flyway-managed table. The switch renames, in one transaction, the live table away,
 * the shadow to the live name, drops the old one and gives the indexes back their Flyway names, so later migrations
 * find the names they expect. Readers block for the few milliseconds the renames hold their lock, then read the new
 * table; PostgreSQL re-plans prepared statements after the DDL, so pooled connections need nothing special.
 * <p>
 * The rebuild writes into shadow tables that keep only the indexes enforcing something (primary keys, unique and
 * exclusion constraints, unique indexes); the others are dropped from the copy and built in one pass by
 * {@link #completeIndexes} once the rebuild has caught up: a bulk index build costs far less than maintaining every
 * index row by row through a million inserts.
 */
public class ShadowTables {

    private static final Pattern INDEX_NAME = Pattern.compile("^(CREATE (?:UNIQUE )?INDEX )\\S+ ON ");
    private static final Pattern INDEX_KEYWORDS = Pattern.compile("^(CREATE (?:UNIQUE )?INDEX )");

    private final JdbcTemplate jdbc;

    public ShadowTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String shadowOf(String table) {
        return table + com.leaveledger.query.projection.TableNames.SHADOW_SUFFIX;
    }

    /** Empty shadow copies of the given live tables (dropping older copies), without their plain indexes. */
    public void recreate(List<String> tables) {
        for (String table : tables) {
            jdbc.execute("drop table if exists " + shadowOf(table));
            jdbc.execute("create table " + shadowOf(table) + " (like " + table + " including all)");
            jdbc.queryForList("select i.relname from pg_index x "
                    + "join pg_class i on i.oid = x.indexrelid "
                    + "join pg_class t on t.oid = x.indrelid "
                    + "join pg_namespace n on n.oid = t.relnamespace "
                    + "where n.nspname = current_schema() and t.relname = ? and not x.indisunique "
                    + "and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)",
                    String.class, shadowOf(table))
                    .forEach(index -> jdbc.execute("drop index " + index));
        }
    }

    /**
     * Builds on each shadow table every index of its live table that it lacks (those {@link #recreate} left out);
     * idempotent, so a replay resumed after a restart completes them too. Plain {@code create index}: the rebuild's
     * writes wait while an index is built; the live tables are not touched.
     */
    public void completeIndexes(List<String> tables) {
        for (String table : tables) {
            String shadow = shadowOf(table);
            Pattern onTable = Pattern.compile(" ON ((?:\\S+\\.)?)" + Pattern.quote(table) + " ");
            Set<String> present = indexNamesByDefinition(shadow).keySet();
            indexNamesByDefinition(table).forEach((definition, name) -> {
                String onShadow = onTable.matcher(definition).replaceFirst(" ON $1" + shadow + " ");
                if (!present.contains(onShadow)) {
                    jdbc.execute(INDEX_KEYWORDS.matcher(onShadow).replaceFirst("$1" + shadowIndexName(name) + " "));
                }
            });
        }
    }

    private static String shadowIndexName(String liveIndexName) {
        String name = liveIndexName + "_rebuilt";
        return name.length() <= 63 ? name : name.substring(name.length() - 63);
    }

    public void drop(List<String> tables) {
        for (String table : tables) {
            jdbc.execute("drop table if exists " + shadowOf(table));
        }
    }

    /** True if every shadow table exists with exactly the live table's columns (a migration may have changed it). */
    public boolean matchLive(List<String> tables) {
        for (String table : tables) {
            List<String> live = columns(table);
            List<String> shadow = columns(shadowOf(table));
            if (shadow.isEmpty() || !shadow.equals(live)) {
                return false;
            }
        }
        return true;
    }

    public void analyze(List<String> tables) {
        for (String table : tables) {
            jdbc.execute("analyze " + shadowOf(table));
        }
    }

    /** Swaps the shadow tables in. Must run inside the transaction that also moves the processor's tokens. */
    public void swapIn(List<String> tables) {
        jdbc.execute("set local lock_timeout = '10s'");
        Map<String, Map<String, String>> liveIndexNames = new HashMap<>();
        for (String table : tables) {
            liveIndexNames.put(table, indexNamesByDefinition(table));
        }
        for (String table : tables) {
            jdbc.execute("alter table " + table + " rename to " + table + "_retired");
            jdbc.execute("alter table " + shadowOf(table) + " rename to " + table);
        }
        for (String table : tables) {
            jdbc.execute("drop table " + table + "_retired");
        }
        for (String table : tables) {
            Map<String, String> wanted = liveIndexNames.get(table);
            indexNamesByDefinition(table).forEach((definition, current) -> {
                String name = wanted.get(definition);
                if (name != null && !name.equals(current)) {
                    jdbc.execute("alter index " + current + " rename to " + name);
                }
            });
        }
    }

    private List<String> columns(String table) {
        return jdbc.queryForList("select column_name || ' ' || data_type || ' ' || is_nullable "
                + "from information_schema.columns where table_schema = current_schema() and table_name = ? "
                + "order by ordinal_position", String.class, table);
    }

    /** Index definition with the index name left out → index name. */
    private Map<String, String> indexNamesByDefinition(String table) {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = ?",
                rs -> {
                    String definition = INDEX_NAME.matcher(rs.getString("indexdef")).replaceFirst("$1ON ");
                    names.put(definition, rs.getString("indexname"));
                }, table);
        return names;
    }
}
