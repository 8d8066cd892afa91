// Package aircallmcp is an MCP server that lets AI agents operate Aircall.
package aircallmcp
