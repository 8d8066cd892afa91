package aircall

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsE164(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"+18001231234", "+33176111111", "+447911123456", "+123456789012345", "+12"} {
		assert.True(t, IsE164(ok), ok)
	}
	for _, bad := range []string{"", "+", "18001231234", "+0123456", "+1 800 123 1234", "+1-800-123-1234",
		"+1234567890123456", "+1800abc", "00331761111", "+33 1 76 11 11 11", "+1"} {
		assert.False(t, IsE164(bad), bad)
	}
}

func TestChecks(t *testing.T) {
	t.Parallel()
	assert.NoError(t, checkID("id", 1))
	assertArgError(t, checkID("id", 0), "id")
	assertArgError(t, checkID("user_id", -4), "user_id")

	assert.NoError(t, checkStringID("id", "c2501111-8a69-4342-bb34-bcd6cfe564ab"))
	assertArgError(t, checkStringID("id", " "), "id")
	assertArgError(t, checkStringID("id", "../users"), "id")

	assert.NoError(t, checkNotBlank("name", "VIP"))
	assertArgError(t, checkNotBlank("name", " \t"), "name")
	assert.NoError(t, checkOptionalNotBlank("first_name", nil))
	assertArgError(t, checkOptionalNotBlank("first_name", Ptr("")), "first_name")

	assert.NoError(t, checkMaxLen("body", "héllo", 5))
	assertArgError(t, checkMaxLen("body", "héllo!", 5), "body")

	assert.NoError(t, checkE164("to", "+18001231234"))
	assertArgError(t, checkE164("to", "8001231234"), "to")
	assert.NoError(t, checkE164Digits("numbers[0]", "1279876456"))
	assertArgError(t, checkE164Digits("numbers[0]", "+1279876456"), "numbers[0]")

	assert.NoError(t, checkHTTPSURL("url", "https://my-server.example.com/webhooks"))
	for _, bad := range []string{"http://my-server.example.com/", "my-server.example.com", "https://", "https:opaque", "::"} {
		assertArgError(t, checkHTTPSURL("url", bad), "url")
	}

	assert.NoError(t, checkPublicURL("welcome", "https://example.com/welcome.mp3"))
	assert.NoError(t, checkPublicURL("welcome", "http://cdn.example.com/a.mp3"))
	for _, bad := range []string{"file:///tmp/a.mp3", "https://localhost/a.mp3", "http://127.0.0.1/a.mp3",
		"http://10.0.0.4/a.mp3", "http://192.168.1.1/a.mp3", "http://[::1]/a.mp3", "/a.mp3", "http://0.0.0.0/"} {
		assertArgError(t, checkPublicURL("welcome", bad), "welcome")
	}

	// Enums are checked by shape: a value the SDK has no constant for passes.
	type strategy string
	for _, ok := range []strategy{"random", "longest_idle", "a_value_aircall_adds_next_year", "PENDING", "message.status_updated", "v2-x"} {
		assert.NoError(t, checkEnum("strategy", ok), ok)
	}
	for _, bad := range []strategy{"", " ", "random ", "a b", "a/b", "é", "a\r\nb", strategy(strings.Repeat("x", 65))} {
		assertArgError(t, checkEnum("strategy", bad), "strategy")
	}

	assert.NoError(t, firstErr(nil, nil))
	assertArgError(t, firstErr(nil, checkID("a", 0), checkID("b", 0)), "a")
}
