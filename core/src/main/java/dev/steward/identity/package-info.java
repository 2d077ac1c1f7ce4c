/**
 * Identities (people, service accounts, workloads, agents), their owners and lifecycle.
 */
package dev.steward.identity;
