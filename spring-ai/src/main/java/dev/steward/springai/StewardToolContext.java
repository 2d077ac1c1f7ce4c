package dev.steward.springai;

import dev.steward.identity.IdentityId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.chat.model.ToolContext;

/**
 * The entries of a Spring AI tool context that tell a {@link StewardToolCallback} who is acting.
 * The host puts them on the request ({@code chatClient.prompt().toolContext(StewardToolContext.of(
 * bot.id(), alice.id()))}), Spring AI hands them to every tool callback of that request, and the
 * model never sees or writes them. A call whose context lacks them, or holds anything but
 * {@link IdentityId}s under them, is refused.
 */
public final class StewardToolContext {
    /** The key of the acting identity, an {@link IdentityId}. */
    public static final String IDENTITY = "steward.identity";

    /** The key of the on-behalf-of chain, a {@code List<IdentityId>}, nearest first. */
    public static final String ON_BEHALF_OF = "steward.onBehalfOf";

    private StewardToolContext() {
    }

    /**
     * @param identity the identity whose tool calls these are, typically the agent
     * @param onBehalfOf the identities it acts for, nearest first (none when it acts for itself)
     * @return the tool-context entries naming them, to pass to {@code toolContext(...)} of a
     *     {@code ChatClient} request or of its builder's {@code defaultToolContext(...)}
     */
    public static Map<String, Object> of(IdentityId identity, IdentityId... onBehalfOf) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(onBehalfOf, "onBehalfOf");
        return Map.of(IDENTITY, identity, ON_BEHALF_OF, List.of(onBehalfOf));
    }

    /**
     * @return who acts according to the context, or empty if it names no identity or holds
     *     something other than identity ids under Steward's keys
     */
    static Optional<Acting> acting(ToolContext toolContext) {
        if (toolContext == null || !(toolContext.getContext().get(IDENTITY) instanceof IdentityId identity)) {
            return Optional.empty();
        }
        Object chain = toolContext.getContext().getOrDefault(ON_BEHALF_OF, List.of());
        if (!(chain instanceof List<?> links) || !links.stream().allMatch(IdentityId.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(new Acting(identity, links.stream().map(IdentityId.class::cast).toList()));
    }

    /** The acting identity and the chain it acts for, nearest first. */
    record Acting(IdentityId identity, List<IdentityId> onBehalfOf) {
    }
}
