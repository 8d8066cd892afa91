package aircallmcp

// registerOperations adds the catalogue tools on the SDK's operation
// catalogue. The catalogue (aircall.Operations, Client.Invoke) is not in
// the SDK yet: until it is, the tools are not registered.
func (s *Server) registerOperations() {}
