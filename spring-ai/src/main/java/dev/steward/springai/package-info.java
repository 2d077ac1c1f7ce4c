/**
 * Steward's tool-call guard for Spring AI. {@link dev.steward.springai.StewardToolCallbacks} wraps
 * the {@link org.springframework.ai.tool.ToolCallback}s a {@code ChatClient} offers so that each call
 * is authorized, run only if allowed and recorded; the acting identity comes from the request's
 * tool context ({@link dev.steward.springai.StewardToolContext}), never from what the model writes.
 * {@link dev.steward.springai.StewardToolCallingManager} wraps the {@code ToolCallingManager} so
 * that the model's tool-call id becomes the correlation id of the call's audit events.
 *
 * <pre>{@code
 * ChatClient chat = ChatClient.builder(chatModel)
 *     .defaultToolCallbacks(StewardToolCallbacks.guard(steward, policy).wrapTools(new TicketTools()))
 *     .build();
 * String answer = chat.prompt().user("Summarize ticket ops/7")
 *     .toolContext(StewardToolContext.of(bot.id(), alice.id()))
 *     .call().content();
 * }</pre>
 */
package dev.steward.springai;
