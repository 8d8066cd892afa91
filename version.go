package aircall

// Version is the version of this SDK. It is sent in the User-Agent header of
// every request as "aircall-go/<Version>".
const Version = "0.1.0"
