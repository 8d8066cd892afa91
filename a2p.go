package aircall

// A2PService manages A2P (10DLC) campaign associations between Numbers and
// campaigns registered with The Campaign Registry.
type A2PService service
