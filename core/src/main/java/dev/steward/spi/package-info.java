/**
 * What backends implement: the governance store, its transactions, and the audit signer. Prove an implementation with the TCK.
 */
package dev.steward.spi;
