/**
 * Grants: scoped, time-bound, optionally delegated permissions, and the resource-pattern grammar.
 */
package dev.steward.grant;
