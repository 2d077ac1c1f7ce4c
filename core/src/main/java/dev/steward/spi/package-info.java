/**
 * What backends implement: the governance store, its transactions, and the audit signer; the
 * secret backend and the key-encryption key that protects its material. Prove an implementation
 * with the TCK.
 */
package dev.steward.spi;
