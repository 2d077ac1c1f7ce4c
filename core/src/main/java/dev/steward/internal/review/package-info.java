/**
 * The implementation of access reviews: snapshots, reviewer assignment, decisions and closes, the
 * review part of the lifecycle sweep, event-triggered micro-reviews and the report's formats.
 */
package dev.steward.internal.review;
