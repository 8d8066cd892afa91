package aircallmcp

// registerOperations adds search_operations, describe_operation and
// execute_operation (the whole API by intent) once the SDK's operation
// catalogue is available.
func (s *Server) registerOperations() {}
