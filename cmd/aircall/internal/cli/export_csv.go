package cli

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// csvColumns are the columns of "export --format csv", by resource.
var csvColumns = map[string][]string{
	"calls": {"id", "direction", "status", "started_at", "answered_at", "ended_at", "duration", "raw_digits",
		"missed_call_reason", "archived", "cost", "user_id", "user_name", "number_id", "number_digits", "contact_id",
		"tags", "recording", "voicemail"},
	"contacts": {"id", "first_name", "last_name", "company_name", "information", "is_shared", "created_at", "updated_at",
		"phone_numbers", "emails"},
}

// csvTime formats a time for CSV: RFC 3339 in UTC, empty when unset.
func csvTime(t aircall.Timestamp) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// callRow is one call as a CSV row (csvColumns["calls"]).
func callRow(c *aircall.Call) []string {
	var userID, userName, numberID, digits, contactID string
	if c.User != nil {
		userID, userName = id(c.User.ID), c.User.Name
	}
	if c.Number != nil {
		numberID, digits = id(c.Number.ID), c.Number.Digits
	}
	if c.Contact != nil {
		contactID = id(c.Contact.ID)
	}
	tags := make([]string, len(c.Tags))
	for i, t := range c.Tags {
		tags[i] = t.Name
	}
	return []string{id(c.ID), string(c.Direction), string(c.Status), csvTime(c.StartedAt), csvTime(c.AnsweredAt),
		csvTime(c.EndedAt), strconv.Itoa(c.Duration), c.RawDigits, string(c.MissedCallReason),
		strconv.FormatBool(c.Archived), c.Cost, userID, userName, numberID, digits, contactID,
		strings.Join(tags, "; "), c.Recording, c.Voicemail}
}

// contactRow is one contact as a CSV row (csvColumns["contacts"]).
func contactRow(c *aircall.Contact) []string {
	join := func(ds []aircall.ContactDetail) string {
		v := make([]string, len(ds))
		for i, d := range ds {
			v[i] = d.Value
		}
		return strings.Join(v, "; ")
	}
	return []string{id(c.ID), c.FirstName, c.LastName, c.CompanyName, c.Information, strconv.FormatBool(c.IsShared),
		csvTime(c.CreatedAt), csvTime(c.UpdatedAt), join(c.PhoneNumbers), join(c.Emails)}
}

// writeCSVRow writes one row.
func writeCSVRow(w io.Writer, row []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(row); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
