/**
 * Access reviews: certification campaigns ({@link dev.steward.review.ReviewCycle}) over grants,
 * credentials and ownerships, with reviewers, decisions, due dates, reminders and escalation;
 * reconfirmation of agents by their owners; event-triggered micro-reviews; and the evidence
 * report an auditor reads ({@link dev.steward.review.ReviewReport}).
 */
package dev.steward.review;
