/**
 * Steward for the Model Context Protocol, on the official MCP Java SDK (2.2+) and its streamable
 * HTTP servlet transport.
 *
 * <p>On an MCP <em>server</em>, {@link dev.steward.mcp.McpServerGuard} wraps the server's tool
 * specifications so that each {@code tools/call} is decided for the caller the host's
 * authentication verified (an {@link dev.steward.mcp.McpCaller} put on the servlet request), runs
 * only if allowed, and is traced under a correlation id made of the MCP session id and the
 * JSON-RPC request id; its tool filter hides from {@code tools/list} the tools a caller may not
 * call. {@link dev.steward.mcp.McpBearerFilter} is the resource-server side of the MCP authorization
 * specification for Steward's delegation tokens (with {@code steward-tokens} on the class path): it
 * serves the protected resource metadata, answers 401 and 403 challenges, and makes a verified
 * token's actor, chain and scope the request's caller. On an MCP <em>client</em>, {@link dev.steward.mcp.McpClientGuard} decides each outgoing
 * call of an agent before the server is contacted. {@link dev.steward.mcp.StewardMcp} builds both.
 */
package dev.steward.mcp;
