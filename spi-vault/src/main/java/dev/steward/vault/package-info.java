/**
 * Steward on HashiCorp Vault and OpenBao: {@link dev.steward.vault.VaultSecretBackend} keeps secret
 * material in the KV version 2 engine, {@link dev.steward.vault.VaultTransitSigner} signs audit
 * checkpoints and {@link dev.steward.vault.VaultTransitTokenSigner} delegation tokens with Transit
 * keys that never leave Vault, and all share one
 * {@link dev.steward.vault.VaultConnection} (address, namespace, {@link dev.steward.vault.VaultAuth
 * token or AppRole}, {@link dev.steward.vault.VaultTls TLS}, timeouts, retries). Failures are
 * {@link dev.steward.vault.VaultException}s or other typed Steward exceptions.
 *
 * <p>Built on the JDK's {@code java.net.http.HttpClient} and Jackson's tree model: no Vault client
 * library and no dependency beyond what {@code steward-core} already brings.
 */
package dev.steward.vault;
