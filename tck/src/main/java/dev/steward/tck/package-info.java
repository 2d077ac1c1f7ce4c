/**
 * Compatibility kits a backend author subclasses to prove a backend:
 * {@link dev.steward.tck.GovernanceStoreCompatibilityKit} for a
 * {@link dev.steward.spi.GovernanceStore}, {@link dev.steward.tck.SecretBackendCompatibilityKit} for
 * a {@link dev.steward.spi.SecretBackend}. Every backend shipped with Steward passes them unchanged.
 */
package dev.steward.tck;
