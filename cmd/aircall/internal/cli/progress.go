package cli

import (
	"fmt"
	"strings"
)

// progressBar draws an export's progress on standard error when it is a
// terminal, and nothing otherwise.
type progressBar struct {
	io    *IO
	label string
	shown bool
	last  int
}

func newProgressBar(io *IO, label string) *progressBar { return &progressBar{io: io, label: label} }

// update redraws the bar (every 25 items, to stay cheap).
func (b *progressBar) update(yielded, total int, capped bool) {
	if !b.io.ErrTTY || (yielded-b.last < 25 && yielded != total) {
		return
	}
	b.last = yielded
	b.shown = true
	fmt.Fprintf(b.io.Err, "\r%s", renderBar(b.label, yielded, total, capped))
}

// clear removes the bar before a message is printed.
func (b *progressBar) clear() {
	if b.shown {
		fmt.Fprint(b.io.Err, "\r\033[K")
		b.shown = false
	}
}

// renderBar draws "calls [=========>          ] 4512/10000+ 45%".
func renderBar(label string, yielded, total int, capped bool) string {
	const width = 30
	if total <= 0 {
		return fmt.Sprintf("Exporting %s: %d", label, yielded)
	}
	frac := min(1, float64(yielded)/float64(total))
	filled := int(frac * width)
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	more := ""
	if capped {
		more = "+"
	}
	return fmt.Sprintf("Exporting %s [%s] %d/%d%s %3.0f%%", label, bar, yielded, total, more, 100*frac)
}
