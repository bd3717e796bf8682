package com.leaveledger.support.persistence;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL dialect that stores Axon's {@code @Lob byte[]} columns (event payloads, metadata, tokens, sagas,
 * snapshots) as {@code bytea} instead of large objects, so they are readable with psql
 * ({@code convert_from(payload, 'UTF8')}) and vacuumed like any other row. See docs/adr/0003-json-payloads-in-bytea.md.
 * <p>
 * It also reads only the sequences of the service's own schema (the connection's {@code current_schema()}):
 * Hibernate keys the sequences it reads by name alone, so with every service in one database the notification saga's
 * {@code domain_event_entry_seq} was validated against the command side's sequence of the same name.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    @Override
    public String getQuerySequencesString() {
        return "select * from information_schema.sequences where sequence_schema = current_schema()";
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry()
                .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
