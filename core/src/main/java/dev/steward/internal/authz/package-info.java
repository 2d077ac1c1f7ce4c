/**
 * Authorization internals: the indexes that make a decision cost proportional to the request,
 * not to the number of grants. Not part of the API.
 */
package dev.steward.internal.authz;
