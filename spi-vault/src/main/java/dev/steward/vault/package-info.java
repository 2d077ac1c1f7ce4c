/**
 * Secret backend on HashiCorp Vault / OpenBao KV v2. Not implemented yet: planned work tracked in
 * the project's issues.
 */
package dev.steward.vault;
