package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// IO is where a command reads and writes: data goes to Out, messages,
// progress and logs to Err. Tests build one over buffers.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// InTTY, OutTTY and ErrTTY say whether In, Out and Err are terminals:
	// prompts need InTTY, tables are trimmed and progress bars drawn only on
	// terminals.
	InTTY, OutTTY, ErrTTY bool
	// Getenv reads the environment (os.Getenv outside tests).
	Getenv func(string) string
	// ReadSecret reads a line from the terminal without echoing it.
	ReadSecret func() (string, error)
}

// SystemIO returns the process's standard streams and environment.
func SystemIO() *IO {
	return &IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv: os.Getenv,
		ReadSecret: func() (string, error) {
			b, err := term.ReadPassword(int(os.Stdin.Fd()))
			return string(b), err
		},
	}
}

// prompt asks for a value on the terminal. With secret set the answer is not
// echoed. Without a terminal it reads one line of In.
func (s *IO) prompt(label string, secret bool) (string, error) {
	if !s.InTTY {
		return readLine(s.In)
	}
	fmt.Fprint(s.Err, label)
	if secret && s.ReadSecret != nil {
		v, err := s.ReadSecret()
		fmt.Fprintln(s.Err)
		return strings.TrimSpace(v), err
	}
	return readLine(s.In)
}

// readLine reads the first line of r, without its line ending.
func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimSpace(line), nil
}
