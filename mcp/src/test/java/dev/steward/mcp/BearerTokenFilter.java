package dev.steward.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;

/**
 * The host's authentication in the tests: a known bearer token makes its caller the request's
 * {@link McpCaller#ATTRIBUTE}. A request without a known token passes on without a caller (a real
 * host would answer 401 here), so the tests can show what the guard does with one.
 */
final class BearerTokenFilter implements Filter {
    private final Map<String, McpCaller> callers;

    BearerTokenFilter(Map<String, McpCaller> callers) {
        this.callers = Map.copyOf(callers);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String authorization = ((HttpServletRequest) request).getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            McpCaller caller = callers.get(authorization.substring("Bearer ".length()));
            if (caller != null) {
                request.setAttribute(McpCaller.ATTRIBUTE, caller);
            }
        }
        chain.doFilter(request, response);
    }
}
