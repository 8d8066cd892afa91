package aircallmcp

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// opDoc is what the ranking reads of an operation.
type opDoc struct {
	ID, Method, Path, Summary, Description, Service string
	Params                                          []string // parameter names
}

// ranker ranks operations for a query written in users' words ("place an
// outbound call", "get a call's transcript"). It is a BM25-style score
// over weighted fields (id, summary and path weigh most, then parameter
// names, then the description), on stemmed words with synonyms, plus what
// the query's verb says about the HTTP method (send → POST, list → GET,
// delete → DELETE) and a penalty for operations narrowed by a qualifier
// the query does not mention (WhatsApp, group, native, AI voice agent...).
type ranker struct {
	docs []rankedDoc
	df   map[string]int
}

type rankedDoc struct {
	doc opDoc
	tf  map[string]float64 // weighted term frequency
	len float64
	res string   // the resource: the first word of the path (calls, users...)
	qua []string // qualifiers present
}

// Field weights.
const (
	wID      = 3.0
	wSummary = 2.5
	wPath    = 2.0
	wParam   = 0.6
	wDesc    = 0.4
	bm25K    = 1.2
	bm25B    = 0.3
)

func newRanker(docs []opDoc) *ranker {
	r := &ranker{df: map[string]int{}}
	for _, d := range docs {
		rd := rankedDoc{doc: d, tf: map[string]float64{}}
		strong := map[string]bool{} // in the id, summary or path
		add := func(text string, w float64) {
			for _, t := range terms(text) {
				rd.tf[t] += w
				rd.len += w
				if w >= wPath {
					strong[t] = true
				}
			}
		}
		add(strings.NewReplacer(".", " ", "_", " ").Replace(d.ID), wID)
		add(d.Summary, wSummary)
		add(pathWords(d.Path), wPath)
		add(strings.Join(d.Params, " "), wParam)
		// A description counts each word once: long descriptions that repeat
		// a word must not outweigh the summary.
		seen := map[string]bool{}
		for _, t := range terms(d.Description) {
			if !seen[t] {
				seen[t] = true
				rd.tf[t] += wDesc
				rd.len += wDesc
			}
		}
		if ws := terms(pathWords(d.Path)); len(ws) > 0 {
			rd.res = ws[0]
		}
		for q := range qualifiers {
			if rd.tf[q] >= wPath { // in the id, summary or path: it defines the operation
				rd.qua = append(rd.qua, q)
			}
		}
		// Document frequency counts where a word defines an operation, not
		// every description that mentions it: "webhook" is said in many
		// descriptions and still tells the webhook operations apart.
		for t := range strong {
			r.df[t]++
		}
		r.docs = append(r.docs, rd)
	}
	return r
}

// pathWords turns "/v1/calls/:id/pause_recording" into "calls pause recording".
func pathWords(p string) string {
	var words []string
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "{") || (len(seg) == 2 && seg[0] == 'v') {
			continue
		}
		words = append(words, seg)
	}
	return strings.Join(words, " ")
}

// scored is an operation with its score.
type scored struct {
	doc   opDoc
	score float64
}

// rank returns the operations matching query, best first (at most n).
func (r *ranker) rank(query string, n int) []scored {
	qt := expand(queryTerms(query))
	verb := verbMethod(query)
	var avg float64
	for _, d := range r.docs {
		avg += d.len
	}
	avg /= math.Max(1, float64(len(r.docs)))
	N := float64(len(r.docs))
	var out []scored
	for _, d := range r.docs {
		var s float64
		for t, w := range qt {
			tf := d.tf[t]
			if tf == 0 {
				continue
			}
			idf := math.Log(1 + (N-float64(r.df[t])+0.5)/(float64(r.df[t])+0.5))
			s += w * idf * tf * (bm25K + 1) / (tf + bm25K*(1-bm25B+bm25B*d.len/avg))
		}
		if s == 0 {
			continue
		}
		if qt[d.res] >= 1 {
			s += 3 // the query names the resource the operation acts on
		}
		switch {
		case verb == "" && d.doc.Method == "GET":
			s += 0.5 // a question without a verb asks to read
		case verb == "" && d.doc.Method != "DELETE":
			s -= 1.5 // ... and is no order to change anything
		case verb == d.doc.Method, verb == "POST" && d.doc.Method == "PUT":
			s += 2
		case d.doc.Method == "DELETE":
			s -= 3 // never offer a deletion that was not asked for
		}
		for _, q := range d.qua {
			if qt[q] == 0 {
				s -= qualifiers[q]
			}
		}
		out = append(out, scored{doc: d.doc, score: s})
	}
	slices.SortStableFunc(out, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return strings.Compare(a.doc.ID, b.doc.ID)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// qualifiers narrow an operation to a variant; an operation carrying one
// the query does not mention loses this much.
var qualifiers = map[string]float64{
	"whatsapp": 4, "group": 2.5, "native": 1.5, "voice": 2, "ai": 2, "realtime": 2, "dialer": 2.5, "campaign": 2.5,
	"a2p": 3, "template": 2, "configuration": 2.5, "email": 1.5, "integration": 2, "oauth": 3, "insight": 1.5,
	"v2": 0.5, "availability": 1.5, "export": 2, "custom": 2, "playbook": 2, "evaluation": 2, "csat": 2, "team": 1,
	"archive": 1.5, "unarchive": 2, "voicemail": 1.5, "registration": 2, "detail": 0.5,
}

// terms splits text into stemmed words, without stop words.
func terms(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if stopWords[w] {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

var stopWords = map[string]bool{}

func init() {
	// Written as plain words; matched after stemming.
	q := map[string]float64{}
	for w, p := range qualifiers {
		q[stem(w)] = p
	}
	qualifiers = q
	syn := map[string]map[string]float64{}
	for w, m := range synonyms {
		sm := map[string]float64{}
		for s, p := range m {
			sm[stem(s)] = p
		}
		syn[stem(w)] = sm
	}
	synonyms = syn
	for _, w := range strings.Fields(`a an the to for of on in at by from with and or my me i we our you your it its is are be
		want wants need please through via using use aircall all some any this that these those s t can do does how into as`) {
		stopWords[w] = true
	}
}

// stem strips the common English endings, enough to match "calls" with
// "call", "recording" with "record", "tagged" with "tag".
func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		w = w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		w = w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		w = w[:len(w)-1]
	}
	if len(w) > 3 && w[len(w)-1] == w[len(w)-2] && !strings.ContainsRune("lsz", rune(w[len(w)-1])) {
		w = w[:len(w)-1] // tagg -> tag
	}
	return w
}

// synonyms map a stemmed query word to the words operations use, each with
// the weight it gets in the query (the word itself weighs 1).
var synonyms = map[string]map[string]float64{
	"place":        {"start": 1, "outbound": 0.5},
	"make":         {"start": 1},
	"initiate":     {"start": 1},
	"launch":       {"start": 1},
	"ring":         {"call": 0.5, "start": 0.5},
	"phone":        {"call": 0.3},
	"agent":        {"user": 1},
	"rep":          {"user": 1},
	"operator":     {"user": 1},
	"colleague":    {"user": 1},
	"employee":     {"user": 1},
	"sms":          {"message": 1, "send": 0.3},
	"text":         {"text": 0.2, "message": 1, "sms": 1},
	"mms":          {"message": 1, "media": 0.5},
	"transcript":   {"transcription": 1.5},
	"transcribe":   {"transcription": 1.5},
	"note":         {"comment": 1},
	"annotate":     {"comment": 1},
	"label":        {"tag": 1},
	"retag":        {"tag": 1},
	"customer":     {"contact": 1},
	"person":       {"contact": 1},
	"lead":         {"contact": 1},
	"find":         {"search": 0.6, "list": 0.5, "get": 0.3},
	"lookup":       {"search": 0.6, "list": 0.5, "get": 0.3},
	"look":         {"search": 0.6, "list": 0.5, "get": 0.3},
	"missed":       {"list": 0.5, "search": 0.3},
	"assign":       {"add": 1},
	"unpause":      {"resume": 1.5},
	"subscribe":    {"webhook": 1, "event": 0.5},
	"subscription": {"webhook": 1},
	"notify":       {"webhook": 1},
	"callback":     {"webhook": 0.5},
	"hook":         {"webhook": 1},
	"register":     {"create": 1},
	"add":          {"create": 0.3},
	"new":          {"create": 1},
	"stop":         {"pause": 1},
	"suspend":      {"pause": 1},
	"halt":         {"pause": 1},
	"restart":      {"resume": 1},
	"continue":     {"resume": 1},
	"forward":      {"transfer": 1},
	"hour":         {"from": 0.5, "list": 0.3},
	"day":          {"from": 0.5, "list": 0.3},
	"week":         {"from": 0.5, "list": 0.3},
	"yesterday":    {"from": 0.5, "list": 0.3},
	"today":        {"from": 0.5, "list": 0.3},
	"recent":       {"from": 0.5, "list": 0.3},
	"last":         {"from": 0.3},
	"number":       {"digit": 0.3},
	"summarize":    {"summary": 1.5},
	"sentiment":    {"sentiment": 1},
	"mood":         {"sentiment": 1},
	"available":    {"availability": 1.5},
	"availabl":     {"availability": 1.5},
	"online":       {"availability": 1},
	"busy":         {"availability": 1},
	"line":         {"number": 1},
	"show":         {"get": 0.5, "list": 0.5},
	"fetch":        {"get": 1},
	"retrieve":     {"get": 1},
	"remove":       {"delete": 1},
	"erase":        {"delete": 1},
	"me":           {"integration": 0.3},
}

// modifierWeight is the weight of the words after a preposition: in
// "register a webhook on inbound SMS" the webhook is what is asked for,
// "inbound SMS" only narrows it.
const modifierWeight = 0.6

var prepositions = map[string]bool{"on": true, "by": true, "for": true, "from": true, "with": true, "about": true,
	"in": true, "to": true, "at": true, "of": true, "via": true, "through": true, "into": true}

// queryTerms weighs the stemmed words of a query: 1, or modifierWeight
// after the first preposition.
func queryTerms(query string) map[string]float64 {
	out := map[string]float64{}
	w := 1.0
	for _, word := range strings.FieldsFunc(strings.ToLower(query), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if prepositions[word] && len(out) > 1 {
			w = modifierWeight // not right after the verb: "search for a contact"
		}
		if stopWords[word] {
			continue
		}
		t := stem(word)
		out[t] = math.Max(out[t], w)
	}
	return out
}

// expand adds the synonyms of the query's words, weighed by their word's weight.
func expand(ts map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for t, tw := range ts {
		self := 1.0
		if w, ok := synonyms[t][t]; ok {
			self = w // an ambiguous word: its synonyms say more
		}
		out[t] = math.Max(out[t], self*tw)
		for syn, w := range synonyms[t] {
			if syn == t {
				continue
			}
			out[syn] = math.Max(out[syn], w*tw)
		}
	}
	return out
}

// verbMethod reads the HTTP method a query's verbs ask for ("" if none).
func verbMethod(query string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(query), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch stem(w) {
		case "delete", "remove", "erase", "unregister", "unsubscribe", "purge":
			return "DELETE"
		case "send", "place", "start", "make", "create", "add", "register", "post", "comment", "tag", "pause",
			"resume", "unpause", "transfer", "dial", "update", "set", "assign", "enable", "disable", "archive", "unarchive",
			"subscribe", "text", "annotate", "retag", "initiate", "launch", "ring", "rename", "edit", "change", "forward", "stop":
			return "POST"
		case "list", "get", "show", "find", "search", "fetch", "read", "retrieve", "look", "lookup", "check", "view",
			"see", "count", "who", "what", "which", "when", "download", "export", "pull":
			return "GET"
		}
	}
	return ""
}
