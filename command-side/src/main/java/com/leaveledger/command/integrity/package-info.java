/**
 * The event store's integrity (docs/adr/0033): signed checkpoints of the store, written through the notary role's
 * own connection into schema {@code ledger_integrity}, and verifying the hash chain and the checkpoints for
 * compliance staff. The hashes themselves are written by PostgreSQL in the inserting transaction (Flyway V5); the
 * rules for recomputing hashes, heads roots and signatures live in the {@code verifier} module, shared with the
 * offline bundle verifier.
 */
package com.leaveledger.command.integrity;
