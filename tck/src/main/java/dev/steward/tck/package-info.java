/**
 * Compatibility kits a backend author subclasses to prove a backend:
 * {@link dev.steward.tck.GovernanceStoreCompatibilityKit} for a
 * {@link dev.steward.spi.GovernanceStore}. Every backend shipped with Steward passes them
 * unchanged.
 */
package dev.steward.tck;
