/**
 * Steward's facade: {@link dev.steward.Steward}, its builder, and the exception hierarchy rooted
 * at {@link dev.steward.StewardException}.
 */
package dev.steward;
