/**
 * The event store's integrity (docs/adr/0033): verifying its hash chain for compliance staff. The hashes themselves
 * are written by PostgreSQL in the inserting transaction (Flyway V5); the rules for recomputing them live in the
 * {@code verifier} module, shared with the offline bundle verifier.
 */
package com.leaveledger.command.integrity;
