package aircall

// TagsService manages Tags, the labels Agents put on Calls.
type TagsService service
