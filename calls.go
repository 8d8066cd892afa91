package aircall

// CallsService reads and acts on Calls: list, search, transfer, comment, tag,
// archive, control recordings and push Insight Cards.
type CallsService service
