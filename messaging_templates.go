package aircall

import (
	"context"
	"iter"
)

// MaxSMSTemplatesPerPage is the largest page of ListSMSTemplates: 100, not
// the 50 of the other list endpoints.
const MaxSMSTemplatesPerPage = 100

// SMSTemplate is a saved SMS text of the company, aggregated across all
// agents.
type SMSTemplate struct {
	// ID is the unique identifier of the template.
	ID int64 `json:"id"`
	// Name is the name of the template.
	Name string `json:"name"`
	// Body is the text of the template.
	Body string `json:"body"`
}

// SMSTemplateListOptions selects SMS templates.
type SMSTemplateListOptions struct {
	ListOptions
	// Search is free text matched against the templates' names and bodies.
	Search string `url:"search,omitempty"`
}

// ListSMSTemplates returns one page of the company's SMS templates,
// aggregated across all agents. PerPage may go up to 100
// (MaxSMSTemplatesPerPage). opts may be nil.
//
// Shape from one published integration; not in Aircall's documentation.
//
//aircall:operation GET /v1/sms/templates
func (s *MessagingService) ListSMSTemplates(ctx context.Context, opts *SMSTemplateListOptions) ([]*SMSTemplate, *Response, error) {
	if opts != nil {
		if err := opts.validate(MaxSMSTemplatesPerPage); err != nil {
			return nil, nil, err
		}
	}
	return doList[SMSTemplate](ctx, s.client, "v1/sms/templates", "templates", opts)
}

// ListSMSTemplatesIter iterates over all the company's SMS templates, 50 per
// page unless opts.PerPage says otherwise (up to 100), following
// meta.next_page_link. opts may be nil and is never modified.
//
//aircall:operation GET /v1/sms/templates
func (s *MessagingService) ListSMSTemplatesIter(ctx context.Context, opts *SMSTemplateListOptions) iter.Seq2[*SMSTemplate, error] {
	return listIter(ctx, opts, MaxSMSTemplatesPerPage, s.ListSMSTemplates)
}
