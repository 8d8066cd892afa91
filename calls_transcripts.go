package aircall

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Text renders the transcription as plain text, one utterance per line,
// each labelled with its start time and its speaker:
//
//	[00:01] Agent 456: Hello, this is John from Acme.
//	[00:04] Customer +33 7 49 88 29 71: Hi, I'd like to cancel my account.
//
// Internal speakers are "Agent <user id>" ("Agent" when the id is absent),
// external ones "Customer <phone number>" ("Customer" when absent); other
// participant types are written as sent. A nil Transcription, or one
// without content, renders as "".
func (t *Transcription) Text() string {
	if t == nil || t.Content == nil {
		return ""
	}
	var b strings.Builder
	for _, u := range t.Content.Utterances {
		if u == nil {
			continue
		}
		fmt.Fprintf(&b, "[%s] %s: %s\n", clockOffset(u.StartTime), u.Speaker(), strings.TrimSpace(u.Text))
	}
	return b.String()
}

// Speaker labels who said the utterance, as Transcription.Text writes it.
func (u *TranscriptionUtterance) Speaker() string {
	switch u.ParticipantType {
	case SpeakerInternal:
		if u.UserID != 0 {
			return fmt.Sprintf("Agent %d", u.UserID)
		}
		return "Agent"
	case SpeakerExternal:
		if u.PhoneNumber != "" {
			return "Customer " + u.PhoneNumber
		}
		return "Customer"
	case "":
		return "Unknown speaker"
	}
	return string(u.ParticipantType)
}

// clockOffset writes seconds from the start as mm:ss, or h:mm:ss past an hour.
func clockOffset(sec float64) string {
	s := max(int(sec), 0)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// TranscriptScanOptions says which calls CallsService.ScanTranscripts reads
// and what it looks for.
type TranscriptScanOptions struct {
	// Calls selects the calls, as for SearchIter: set UserID for one
	// user's calls, From and To for a period. At least one of UserID and
	// From must be set, so a scan never reads the whole history by mistake.
	Calls CallSearchOptions
	// Phrases are looked for in each utterance, ignoring case and runs of
	// spaces ("cancel my account"). At least one is needed.
	Phrases []string
	// MaxCalls caps how many transcriptions are requested (one request
	// each, on top of one search request per 50 calls); 0 means no cap.
	// When the cap stops the scan early, its last yield is
	// ErrScanLimitReached.
	MaxCalls int
}

// ErrScanLimitReached is the last error ScanTranscripts yields when
// TranscriptScanOptions.MaxCalls stopped it before the end of the calls.
// Resume with Calls.From set after the start of the last call checked.
var ErrScanLimitReached = errors.New("aircall: transcript scan stopped at MaxCalls")

// TranscriptMatch is a phrase found in a call's transcription.
type TranscriptMatch struct {
	// Call is the call, as the search listed it.
	Call *Call
	// Phrase is the phrase found, as given in TranscriptScanOptions.Phrases.
	Phrase string
	// Utterance is the utterance containing it.
	Utterance *TranscriptionUtterance
	// Transcription is the whole transcription (Transcription.Text renders it).
	Transcription *Transcription
}

// ScanTranscripts reads the transcription of each call opts.Calls selects
// and yields every utterance containing one of opts.Phrases: the
// compliance check "flag any call where the customer said X".
//
// Calls that were not answered are skipped (they have no conversation to
// transcribe), and so are calls whose transcription answers 404 (not
// generated, or the call was not transcribed). Every request goes through
// the client's rate limiter; opts.MaxCalls bounds the number of
// transcription requests. Any other error, such as 403 without the AI
// Assist licence (errors.Is(err, ErrForbidden)), is yielded once and ends
// the scan; so does a cancelled ctx.
//
//aircall:operation GET /v1/calls/:id/transcription
func (s *CallsService) ScanTranscripts(ctx context.Context, opts *TranscriptScanOptions) iter.Seq2[*TranscriptMatch, error] {
	return func(yield func(*TranscriptMatch, error) bool) {
		phrases, err := opts.check()
		if err != nil {
			yield(nil, err)
			return
		}
		read := 0
		for call, err := range s.SearchIter(ctx, &opts.Calls) {
			if err != nil {
				yield(nil, err)
				return
			}
			if call.AnsweredAt.IsZero() {
				continue
			}
			if opts.MaxCalls > 0 && read == opts.MaxCalls {
				yield(nil, ErrScanLimitReached)
				return
			}
			read++
			t, _, err := s.GetTranscription(ctx, call.ID, nil)
			switch {
			case errors.Is(err, ErrNotFound):
				continue
			case err != nil:
				yield(nil, fmt.Errorf("aircall: transcription of call %d: %w", call.ID, err))
				return
			case t == nil || t.Content == nil:
				continue
			}
			for _, u := range t.Content.Utterances {
				if u == nil {
					continue
				}
				text := normalizeSpaces(u.Text)
				for i, p := range phrases {
					if strings.Contains(text, p) {
						if !yield(&TranscriptMatch{Call: call, Phrase: opts.Phrases[i], Utterance: u, Transcription: t}, nil) {
							return
						}
					}
				}
			}
		}
	}
}

// check validates opts and returns the phrases normalised for matching.
func (o *TranscriptScanOptions) check() ([]string, error) {
	if o == nil {
		return nil, &ArgError{Arg: "opts", Reason: "must not be nil"}
	}
	if o.Calls.UserID == 0 && o.Calls.From.IsZero() {
		return nil, &ArgError{Arg: "opts.Calls", Reason: "set UserID or From (a user's calls, or a period)"}
	}
	if err := o.Calls.validate(); err != nil {
		return nil, err
	}
	if len(o.Phrases) == 0 {
		return nil, &ArgError{Arg: "opts.Phrases", Reason: "must have at least one phrase"}
	}
	if o.MaxCalls < 0 {
		return nil, &ArgError{Arg: "opts.MaxCalls", Reason: "must not be negative"}
	}
	out := make([]string, len(o.Phrases))
	for i, p := range o.Phrases {
		if err := checkNotBlank(fmt.Sprintf("opts.Phrases[%d]", i), p); err != nil {
			return nil, err
		}
		out[i] = normalizeSpaces(p)
	}
	return out, nil
}

// normalizeSpaces lowercases s and collapses runs of white space to one space.
func normalizeSpaces(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
