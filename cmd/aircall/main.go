// Command aircall is a command-line client for the Aircall Public API, built
// on the aircall-go SDK: a command for every operation, raw requests (aircall
// api), exports that resume after a kill, webhooks tooling and the fake API
// as a standalone server (aircall fake serve). Run "aircall --help".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/aircall-go/aircall/cmd/aircall/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.SystemIO())
	stop()
	os.Exit(code)
}
