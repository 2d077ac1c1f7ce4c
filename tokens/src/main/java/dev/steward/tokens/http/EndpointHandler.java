package dev.steward.tokens.http;

/**
 * One HTTP endpoint, independent of any server: a request in, a response out. Implementations
 * answer every request, malformed or hostile ones included, with a response; they throw nothing.
 * Thread-safe.
 */
public interface EndpointHandler {
    /**
     * Answers one request.
     *
     * @param request the request, its body read whole (at most {@link #maxBodyBytes()} + 1 bytes of it)
     * @return the response to send
     */
    EndpointResponse handle(EndpointRequest request);

    /**
     * {@return the largest request body it accepts, in bytes; a server adapter need read no more
     *     than one byte beyond it, since a longer body is refused whatever follows}
     */
    int maxBodyBytes();
}
