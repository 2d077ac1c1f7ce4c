/**
 * Implementation. Not part of the API: not exported by the module, and may change in any release.
 */
package dev.steward.internal;
