/**
 * The tamper-evident audit log's cryptography: the canonical encoding and hash chain
 * ({@link dev.steward.internal.audit.AuditCodec}), Ed25519 checkpoints, the JSON Lines mapping
 * and the verification walk. Not part of the API.
 */
package dev.steward.internal.audit;
