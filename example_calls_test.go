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
	s := exampleServer()
	defer s.Close()
	agent := s.AddUser(aircall.User{Name: "John Doe"})
	today := time.Now().UTC().Truncate(24 * time.Hour) // midnight UTC
	at := func(h time.Duration) aircall.Timestamp { return aircall.Timestamp{Time: today.Add(-24*time.Hour + h)} }
	s.AddCall(aircall.Call{User: agent, StartedAt: at(9 * time.Hour), AnsweredAt: at(9*time.Hour + 10*time.Second), Duration: 190})
	s.AddCall(aircall.Call{User: agent, StartedAt: at(11 * time.Hour), Duration: 25, RawDigits: "+1 800-123-4567",
		MissedCallReason: aircall.MissedAgentsDidNotAnswer})
	s.AddCall(aircall.Call{User: agent, StartedAt: at(15 * time.Hour), AnsweredAt: at(15*time.Hour + 5*time.Second), Duration: 65})
	client := s.Client()

	opts := &aircall.CallSearchOptions{
		UserID: agent.ID,
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
	// Output:
	// 901 missed (agents_did_not_answer) from +1 800-123-4567
	// talk time: 4m0s
}

// Transfer a ringing inbound call to a Team, ringing the member idle for the
// longest first.
func ExampleCallsService_Transfer() {
	s := exampleServer()
	defer s.Close()
	a := s.AddUser(aircall.User{Name: "John Doe"})
	b := s.AddUser(aircall.User{Name: "Jane Roe"})
	team := s.AddTeam(aircall.Team{Name: "Global Sales", Users: []*aircall.User{{ID: a.ID}, {ID: b.ID}}})
	line := s.AddNumber(aircall.Number{Users: []*aircall.User{{ID: a.ID}}})
	ringing := s.BeginCall(aircall.Call{Direction: aircall.CallInbound, Number: &aircall.Number{ID: line.ID}, RawDigits: "+18001231234"})
	client := s.Client()
	ctx := context.Background()

	call, _, err := client.Calls.Get(ctx, ringing.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	if call.Status != aircall.CallStatusInitial {
		log.Fatalf("call %d is %s, not ringing", call.ID, call.Status)
	}
	_, err = client.Calls.Transfer(ctx, call.ID, &aircall.TransferCallRequest{
		TeamID:              team.ID,
		DispatchingStrategy: aircall.Ptr(aircall.DispatchLongestIdle),
	})
	switch {
	case errors.Is(err, aircall.ErrBadRequest):
		// The call already ended, or the team has more than 25 users.
		log.Fatalf("transfer refused: %v", err)
	case errors.Is(err, aircall.ErrNotFound):
		log.Fatalf("no call %d", call.ID)
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println("transferred call", call.ID, "to", team.Name)
	// Output:
	// transferred call 900 to Global Sales
}
