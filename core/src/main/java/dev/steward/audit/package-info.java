/**
 * The append-only, hash-chained audit log, its signed checkpoints and its verification.
 */
package dev.steward.audit;
