//go:build !race

package aircall

// raceDetector says whether the tests run with -race, which makes sync.Pool
// drop items at random and so allocation counts vary.
const raceDetector = false
