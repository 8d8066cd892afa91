// Package aircallmcp is an MCP (Model Context Protocol) server that lets AI
// agents operate Aircall by intent, safely. The command aircall-mcp runs it
// over stdio or streamable HTTP; this package lets you embed it.
//
// The server exposes curated tools in toolsets (calls, contacts, users,
// numbers, messaging, whatsapp, webhooks, insights) and the whole API by
// intent (operations: search_operations, describe_operation,
// execute_operation). It is read-only unless Config.AllowWrites is set, asks
// the user to confirm (MCP elicitation) before it calls or messages anyone
// or deletes data, answers with bounded results whose times are RFC 3339,
// and keeps the Aircall credential out of every answer.
//
//	client, secrets, err := aircallmcp.ClientFromEnv(os.Getenv)
//	if err != nil {
//		log.Fatal(err)
//	}
//	srv, err := aircallmcp.New(client, aircallmcp.Config{Secrets: secrets})
//	if err != nil {
//		log.Fatal(err)
//	}
//	err = srv.MCP().Run(ctx, &mcp.StdioTransport{})
package aircallmcp
