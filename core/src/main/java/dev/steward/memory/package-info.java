/**
 * In-memory adapters, for tests and embedded use without durability.
 */
package dev.steward.memory;
