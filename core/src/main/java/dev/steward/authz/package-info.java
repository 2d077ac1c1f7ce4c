/**
 * Access decisions: {@code authorize}, decisions with reason codes, and the tool-call guard.
 */
package dev.steward.authz;
