package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// fake starts an aircalltest server with the demo contacts and returns the
// environment pointing run at it.
func fake(t *testing.T) (*aircalltest.Server, func(string) string) {
	t.Helper()
	s := aircalltest.NewServer(aircalltest.WithDemoData(), aircalltest.WithoutRateLimit())
	t.Cleanup(s.Close)
	return s, env(map[string]string{
		"AIRCALL_API_ID": aircalltest.DefaultAPIID, "AIRCALL_API_TOKEN": aircalltest.DefaultAPIToken,
		"AIRCALL_BASE_URL": s.URL(), "AIRCALL_RATE_LIMIT": "100000",
	})
}

const wantSync = `update  #710 Vicente Abad: company_name "" → "Lerox Inc."; add email vicente.abad@lerox.example
ok      #711 Margaret Morrison
update  #719 Gary Jennings: company_name "" → "Acme"
create  Linus Hale (+14155550123)
create  Sofia Marquez (+34911234567)
`

func TestRun_syncsTheSampleFile(t *testing.T) {
	t.Parallel()
	s, getenv := fake(t)
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"contacts.csv"}, getenv, &stdout, &stderr))
	assert.Equal(t, wantSync+"2 created, 2 updated, 1 unchanged\n", stdout.String())
	assert.Empty(t, stderr.String())

	c := s.Client()
	vicente, _, err := c.Contacts.Get(t.Context(), aircalltest.DemoContactID)
	require.NoError(t, err)
	assert.Equal(t, "Lerox Inc.", vicente.CompanyName)
	require.Len(t, vicente.Emails, 1)
	assert.Equal(t, aircall.ContactDetail{ID: vicente.Emails[0].ID, Label: "Work", Value: "vicente.abad@lerox.example"}, vicente.Emails[0])
	linus, _, err := c.Contacts.Search(t.Context(), &aircall.ContactSearchOptions{PhoneNumber: "+14155550123"})
	require.NoError(t, err)
	require.Len(t, linus, 1)
	assert.Equal(t, "Northwind Traders", linus[0].CompanyName)
	assert.Equal(t, "linus.hale@northwind.example", linus[0].Emails[0].Value)

	// A second run finds everything in place.
	stdout.Reset()
	require.NoError(t, run(t.Context(), []string{"contacts.csv"}, getenv, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "0 created, 0 updated, 5 unchanged\n")
}

func TestRun_dryRunWritesNothing(t *testing.T) {
	t.Parallel()
	s, getenv := fake(t)
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-dry-run", "contacts.csv"}, getenv, &stdout, &stderr))
	assert.Equal(t, wantSync+"2 created, 2 updated, 1 unchanged (dry run: nothing was written)\n", stdout.String())
	contacts, _, err := s.Client().Contacts.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, contacts, 4, "nothing created")
	vicente, _, err := s.Client().Contacts.Get(t.Context(), aircalltest.DemoContactID)
	require.NoError(t, err)
	assert.Empty(t, vicente.CompanyName, "nothing updated")
	assert.Empty(t, vicente.Emails)
}

func TestRun_withoutCredentialsUsesTheFake(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"contacts.csv"}, env(nil), &stdout, &stderr))
	assert.Equal(t, wantSync+"2 created, 2 updated, 1 unchanged\n", stdout.String())
	assert.Contains(t, stderr.String(), "aircalltest")
}

func TestRun_matchesAnyPhoneAndNormalizedNumbers(t *testing.T) {
	t.Parallel()
	_, getenv := fake(t)
	csv := "phone_number,email,first_name\n" +
		"+1 (900) 111-2222;+33 6 12 34 56 78,GARY.JENNINGS@acme.com,\n" + // Gary, written differently
		"+33612345678,,\n" // the phone just added to Gary
	path := filepath.Join(t.TempDir(), "in.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), []string{path}, getenv, &stdout, &stderr))
	assert.Equal(t, "update  #719 +1 (900) 111-2222: add phone +33 6 12 34 56 78\n"+
		"ok      #719 +33612345678\n"+
		"0 created, 1 updated, 1 unchanged\n", stdout.String())
}

func TestRun_badInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	var stdout, stderr bytes.Buffer
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "expected one CSV file"},
		{[]string{write("nophone.csv", "first_name,email\nAda,ada@example.com\n")}, `no "phone_number" column`},
		{[]string{write("empty.csv", "first_name,phone_number\nAda,\n")}, "line 2: no phone number"},
		{[]string{filepath.Join(dir, "missing.csv")}, "no such file"},
	} {
		err := run(t.Context(), tt.args, env(nil), &stdout, &stderr)
		require.ErrorContains(t, err, tt.want)
	}
}
