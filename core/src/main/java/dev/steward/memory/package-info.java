/**
 * In-memory adapters, for tests and embedded use without durability: a governance store and a
 * secret backend.
 */
package dev.steward.memory;
