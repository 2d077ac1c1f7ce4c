/**
 * Steward for LangChain4j: every tool call of an AI service decided, run or refused, and audited.
 * Start at {@link dev.steward.langchain4j.StewardTools}.
 */
package dev.steward.langchain4j;
