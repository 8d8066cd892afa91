// Command aircall-mcp is an MCP server that lets AI agents operate Aircall
// by intent, safely. It speaks MCP over stdio (the default) or, with -http,
// over streamable HTTP behind a bearer token of its own.
//
// The Aircall credential comes from the environment only: AIRCALL_API_ID
// and AIRCALL_API_TOKEN, or AIRCALL_ACCESS_TOKEN (AIRCALL_BASE_URL is
// optional). It never appears in a tool result, an error or a log.
//
// Usage:
//
//	aircall-mcp [-toolsets calls,contacts,...] [-allow-writes] [-require-confirmation]
//	            [-http ADDR] [-timeout 60s]
//
// The server is read-only unless -allow-writes is given. With -http, the
// token clients must send (Authorization: Bearer ...) is read from
// AIRCALL_MCP_HTTP_TOKEN; it must not be the Aircall credential.
package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	aircallmcp "github.com/aircall-go/aircall/mcp"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// envHTTPToken holds the bearer token HTTP clients must present.
const envHTTPToken = "AIRCALL_MCP_HTTP_TOKEN"

// minHTTPTokenLen is the shortest bearer token accepted for -http.
const minHTTPTokenLen = 24

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, "aircall-mcp:") {
			msg = "aircall-mcp: " + msg
		}
		fmt.Fprintln(os.Stderr, msg)
		os.Exit(1)
	}
}

type options struct {
	toolsets     string
	allowWrites  bool
	readOnly     bool
	requireOK    bool
	httpAddr     string
	timeout      time.Duration
	printVersion bool
	listTools    bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("aircall-mcp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.toolsets, "toolsets", "", "comma-separated toolsets to expose (default all): "+strings.Join(aircallmcp.Toolsets, ","))
	fs.BoolVar(&o.readOnly, "read-only", true, "expose only tools that read (the default)")
	fs.BoolVar(&o.allowWrites, "allow-writes", false, "also expose tools that change Aircall: start calls, send messages, tag, delete...")
	fs.BoolVar(&o.requireOK, "require-confirmation", false, "refuse calls, messages, transfers and deletions when the MCP client cannot ask its user to confirm")
	fs.StringVar(&o.httpAddr, "http", "", "serve streamable HTTP on this address (e.g. 127.0.0.1:8080) instead of stdio; clients send the bearer token of "+envHTTPToken)
	fs.DurationVar(&o.timeout, "timeout", 60*time.Second, "the most one tool call may take, rate-limit waits included")
	fs.BoolVar(&o.printVersion, "version", false, "print the version and exit")
	fs.BoolVar(&o.listTools, "list-tools", false, "print the tools this configuration exposes and exit")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	readOnlySet := false
	fs.Visit(func(f *flag.Flag) { readOnlySet = readOnlySet || f.Name == "read-only" })
	switch {
	case o.allowWrites && readOnlySet && o.readOnly:
		return o, errors.New("-read-only and -allow-writes contradict each other")
	case readOnlySet && !o.readOnly && !o.allowWrites:
		return o, errors.New("-read-only=false does not enable writes: pass -allow-writes")
	}
	return o, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if o.printVersion {
		_, err := fmt.Fprintln(stdout, "aircall-mcp", aircallmcp.Version)
		return err
	}
	client, secrets, err := aircallmcp.ClientFromEnv(getenv)
	if err != nil {
		return err
	}
	srv, err := aircallmcp.New(client, aircallmcp.Config{
		Toolsets:            strings.Split(o.toolsets, ","),
		AllowWrites:         o.allowWrites,
		RequireConfirmation: o.requireOK,
		CallTimeout:         o.timeout,
		Secrets:             secrets,
	})
	if err != nil {
		return err
	}
	if o.listTools {
		_, err := fmt.Fprintln(stdout, strings.Join(srv.ToolNames(), "\n"))
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	mode := "read-only"
	if o.allowWrites {
		mode = "writes allowed"
	}
	if o.httpAddr == "" {
		log.Info("aircall-mcp serving on stdio", "version", aircallmcp.Version, "mode", mode, "tools", len(srv.ToolNames()))
		t := &mcp.IOTransport{Reader: io.NopCloser(stdin), Writer: nopWriteCloser{stdout}}
		return srv.MCP().Run(ctx, t)
	}
	token := strings.TrimSpace(getenv(envHTTPToken))
	switch {
	case token == "":
		return fmt.Errorf("-http needs a bearer token for clients in %s (generate one, e.g. openssl rand -hex 32)", envHTTPToken)
	case len(token) < minHTTPTokenLen:
		return fmt.Errorf("%s is too short: use at least %d random characters", envHTTPToken, minHTTPTokenLen)
	}
	for _, sec := range secrets {
		if token == sec {
			return fmt.Errorf("%s must not be the Aircall credential: give the server a token of its own", envHTTPToken)
		}
	}
	ln, err := net.Listen("tcp", o.httpAddr)
	if err != nil {
		return err
	}
	log.Info("aircall-mcp serving streamable HTTP", "version", aircallmcp.Version, "mode", mode, "url", "http://"+ln.Addr().String()+"/mcp")
	return serveHTTP(ctx, ln, Handler(srv.MCP(), token))
}

// Handler serves the MCP server over streamable HTTP at /mcp, to clients
// presenting token as a bearer token.
func Handler(s *mcp.Server, token string) http.Handler {
	verify := func(_ context.Context, got string, _ *http.Request) (*auth.TokenInfo, error) {
		if subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			return nil, auth.ErrInvalidToken
		}
		return &auth.TokenInfo{UserID: "aircall-mcp-client"}, nil
	}
	mcpHandler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
	mux := http.NewServeMux()
	mux.Handle("/mcp", auth.RequireBearerToken(verify, &auth.RequireBearerTokenOptions{AllowMissingExpiration: true})(mcpHandler))
	return http.NewCrossOriginProtection().Handler(mux)
}

func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shut)
		return nil
	}
}

// nopWriteCloser lets stdout serve as a transport's writer without being
// closed with it.
type nopWriteCloser struct{ io.Writer }

// Close does nothing: stdout stays open.
func (nopWriteCloser) Close() error { return nil }
