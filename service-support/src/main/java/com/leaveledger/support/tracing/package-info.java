/**
 * Tracing across the services: OpenTelemetry through Micrometer Tracing, and Axon's OpenTelemetry span factory on the
 * same SDK, so that one W3C trace runs from the HTTP command through the events' metadata and Kafka headers to the
 * projections, the saga and the provider calls (docs/adr/0042, docs/observability.md "Tracing").
 */
package com.leaveledger.support.tracing;
