// Command contacts-sync upserts Aircall contacts from a CSV file, matching
// them by phone number:
//
//	go run ./examples/contacts-sync -dry-run examples/contacts-sync/contacts.csv
//
// The CSV has a header row naming its columns: phone_number (required; several
// numbers separated by ";"), and optionally first_name, last_name,
// company_name and email (";"-separated too). For each row it searches the
// contacts by phone number: a contact found gets the row's names and company
// and any phone number or email it lacks; otherwise a contact is created.
// -dry-run prints what would change without writing anything.
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN, or AIRCALL_ACCESS_TOKEN, set it
// syncs your Aircall account, paced at AIRCALL_RATE_LIMIT requests per
// minute (default 60); AIRCALL_BASE_URL points it at another API root.
// Without credentials it syncs the demo contacts of aircalltest, an
// in-memory fake Aircall API.
package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "contacts-sync:", err)
		os.Exit(1)
	}
}

// label is the label given to the phone numbers and emails the sync adds.
const label = "Work"

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("contacts-sync", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dryRun := flags.Bool("dry-run", false, "print the changes without making them")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: contacts-sync [-dry-run] contacts.csv")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return errors.New("expected one CSV file")
	}
	f, err := os.Open(flags.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := readRows(f)
	if err != nil {
		return fmt.Errorf("%s: %w", flags.Arg(0), err)
	}

	client, _, done, err := exampleenv.Connect(getenv, stderr, exampleenv.Options{What: "syncing the demo contacts of"})
	if err != nil {
		return err
	}
	defer done()

	var created, updated, unchanged int
	for _, r := range rows {
		existing, err := find(ctx, client, r.phones)
		if err != nil {
			return fmt.Errorf("line %d: %w", r.line, err)
		}
		if existing == nil {
			fmt.Fprintf(stdout, "create  %s (%s)\n", r.name(), strings.Join(r.phones, ", "))
			if !*dryRun {
				if _, _, err := client.Contacts.Create(ctx, r.createRequest()); err != nil {
					return fmt.Errorf("line %d: %w", r.line, err)
				}
			}
			created++
			continue
		}
		changes, err := sync(ctx, client, existing, r, *dryRun, stderr)
		if err != nil {
			return fmt.Errorf("line %d: %w", r.line, err)
		}
		if len(changes) == 0 {
			fmt.Fprintf(stdout, "ok      #%d %s\n", existing.ID, r.name())
			unchanged++
			continue
		}
		fmt.Fprintf(stdout, "update  #%d %s: %s\n", existing.ID, r.name(), strings.Join(changes, "; "))
		updated++
	}
	fmt.Fprintf(stdout, "%d created, %d updated, %d unchanged", created, updated, unchanged)
	if *dryRun {
		fmt.Fprint(stdout, " (dry run: nothing was written)")
	}
	fmt.Fprintln(stdout)
	return nil
}

// row is one contact of the CSV file.
type row struct {
	line                 int
	first, last, company string
	phones, emails       []string
}

func (r row) name() string {
	if n := strings.TrimSpace(r.first + " " + r.last); n != "" {
		return n
	}
	return r.phones[0]
}

func (r row) createRequest() *aircall.CreateContactRequest {
	req := &aircall.CreateContactRequest{}
	if r.first != "" {
		req.FirstName = aircall.Ptr(r.first)
	}
	if r.last != "" {
		req.LastName = aircall.Ptr(r.last)
	}
	if r.company != "" {
		req.CompanyName = aircall.Ptr(r.company)
	}
	for _, p := range r.phones {
		req.PhoneNumbers = append(req.PhoneNumbers, aircall.ContactDetail{Label: label, Value: p})
	}
	for _, e := range r.emails {
		req.Emails = append(req.Emails, aircall.ContactDetail{Label: label, Value: e})
	}
	return req
}

// readRows reads the CSV file; every row needs a phone number.
func readRows(r io.Reader) ([]row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["phone_number"]; !ok {
		return nil, errors.New(`the header has no "phone_number" column`)
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		r := row{line: line, first: get("first_name"), last: get("last_name"), company: get("company_name"),
			phones: list(get("phone_number")), emails: list(get("email"))}
		if len(r.phones) == 0 {
			if r.first+r.last+r.company+strings.Join(r.emails, "") == "" {
				continue // a blank line
			}
			return nil, fmt.Errorf("line %d: no phone number", line)
		}
		rows = append(rows, r)
	}
}

// list splits a ";"-separated cell.
func list(cell string) []string {
	var out []string
	for _, v := range strings.Split(cell, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// find returns the first contact having one of the phone numbers, or nil.
func find(ctx context.Context, client *aircall.Client, phones []string) (*aircall.Contact, error) {
	for _, p := range phones {
		found, _, err := client.Contacts.Search(ctx, &aircall.ContactSearchOptions{PhoneNumber: p})
		if err != nil {
			return nil, fmt.Errorf("searching %s: %w", p, err)
		}
		if len(found) > 0 {
			return found[0], nil
		}
	}
	return nil, nil
}

// sync brings c in line with r (unless dryRun) and describes the changes.
func sync(ctx context.Context, client *aircall.Client, c *aircall.Contact, r row, dryRun bool, stderr io.Writer) ([]string, error) {
	var changes []string
	var upd aircall.UpdateContactRequest
	for _, f := range []struct {
		name string
		have string
		want string
		dst  **string
	}{
		{"first_name", c.FirstName, r.first, &upd.FirstName},
		{"last_name", c.LastName, r.last, &upd.LastName},
		{"company_name", c.CompanyName, r.company, &upd.CompanyName},
	} {
		if f.want != "" && f.want != f.have {
			*f.dst = aircall.Ptr(f.want)
			changes = append(changes, fmt.Sprintf("%s %q → %q", f.name, f.have, f.want))
		}
	}
	if len(changes) > 0 && !dryRun {
		if _, _, err := client.Contacts.Update(ctx, c.ID, &upd); err != nil {
			return nil, err
		}
	}

	phones := len(c.PhoneNumbers)
	for _, p := range r.phones {
		if slices.ContainsFunc(c.PhoneNumbers, func(d aircall.ContactDetail) bool { return digits(d.Value) == digits(p) }) {
			continue
		}
		if phones == aircall.MaxContactPhoneNumbers {
			fmt.Fprintf(stderr, "#%d %s already has %d phone numbers: %s not added\n", c.ID, r.name(), phones, p)
			continue
		}
		changes = append(changes, "add phone "+p)
		phones++
		if !dryRun {
			if _, _, err := client.Contacts.AddPhoneNumber(ctx, c.ID, &aircall.ContactDetail{Label: label, Value: p}); err != nil {
				return nil, err
			}
		}
	}
	emails := len(c.Emails)
	for _, e := range r.emails {
		if slices.ContainsFunc(c.Emails, func(d aircall.ContactDetail) bool { return strings.EqualFold(d.Value, e) }) {
			continue
		}
		if emails == aircall.MaxContactEmails {
			fmt.Fprintf(stderr, "#%d %s already has %d emails: %s not added\n", c.ID, r.name(), emails, e)
			continue
		}
		changes = append(changes, "add email "+e)
		emails++
		if !dryRun {
			if _, _, err := client.Contacts.AddEmail(ctx, c.ID, &aircall.ContactDetail{Label: label, Value: e}); err != nil {
				return nil, err
			}
		}
	}
	return changes, nil
}

// digits keeps the digits of a phone number: Aircall stores "+1 916-111-0000"
// as "19161110000".
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
