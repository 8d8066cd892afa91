package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/aircall-go/aircall"
)

// Search yesterday's calls of one User. SearchIter pages by itself, past the
// API's 10,000-call cap if need be.
func ExampleCallsService_SearchIter() {
	client, err := aircall.NewClient(aircall.WithBasicAuth("API_ID", "API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	today := time.Now().Truncate(24 * time.Hour) // midnight UTC
	opts := &aircall.CallSearchOptions{
		UserID: 456,
		From:   today.Add(-24 * time.Hour),
		To:     today.Add(-time.Second),
	}
	var talked time.Duration
	for call, err := range client.Calls.SearchIter(context.Background(), opts) {
		if err != nil {
			log.Fatal(err)
		}
		if call.MissedCallReason != "" {
			fmt.Printf("%d missed (%s) from %s\n", call.ID, call.MissedCallReason, call.RawDigits)
			continue
		}
		if !call.AnsweredAt.IsZero() {
			talked += call.EndedAt.Sub(call.AnsweredAt.Time)
		}
	}
	fmt.Println("talk time:", talked)
}

// Transfer a ringing inbound call to a Team, ringing the member idle for the
// longest first.
func ExampleCallsService_Transfer() {
	client, err := aircall.NewClient(aircall.WithBasicAuth("API_ID", "API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const callID, teamID = 812, 678

	call, _, err := client.Calls.Get(ctx, callID, nil)
	if err != nil {
		log.Fatal(err)
	}
	if call.Status != aircall.CallStatusInitial {
		log.Fatalf("call %d is %s, not ringing", call.ID, call.Status)
	}
	_, err = client.Calls.Transfer(ctx, callID, &aircall.TransferCallRequest{
		TeamID:              teamID,
		DispatchingStrategy: aircall.Ptr(aircall.DispatchLongestIdle),
	})
	switch {
	case errors.Is(err, aircall.ErrBadRequest):
		// The call already ended, or the team has more than 25 users.
		log.Fatalf("transfer refused: %v", err)
	case errors.Is(err, aircall.ErrNotFound):
		log.Fatalf("no call %d", callID)
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println("transferred")
}
