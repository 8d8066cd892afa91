package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/aircall-go/aircall"
)

// List every User of the company, 50 per request, with the client pacing
// itself under the API's rate limit.
func ExampleUsersV2Service_ListIter() {
	client, err := aircall.NewClient(aircall.WithBasicAuth("API_ID", "API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for user, err := range client.UsersV2.ListIter(ctx, &aircall.UserV2ListOptions{Order: "asc"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %s <%s> %s\n", user.ID, user.Name, user.Email, user.AvailabilityStatus)
	}
}

// Click-to-call: find a User by email, start a call from their Phone app to
// a customer, then tag and comment the resulting Call.
func ExampleUsersService_StartCall() {
	client, err := aircall.NewClient(aircall.WithBasicAuth("API_ID", "API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const email, customer = "john.doe@example.com", "+18001231234"

	// 1. Find the User by email, and a Number to call from: their default
	// one, else the first of their Numbers.
	agent, _, err := client.UsersV2.GetByEmail(ctx, email)
	if errors.Is(err, aircall.ErrNotFound) {
		log.Fatalf("no user with email %s", email)
	}
	if err != nil {
		log.Fatal(err)
	}
	numberID := agent.DefaultNumberID
	if numberID == 0 {
		numbers, _, err := client.UsersV2.ListNumbers(ctx, agent.ID, nil)
		if err != nil {
			log.Fatal(err)
		}
		if len(numbers) == 0 {
			log.Fatalf("%s has no Number to call from", agent.Name)
		}
		numberID = numbers[0].ID
	}

	// 2. Start the call. The API answers 204 without the Call's id.
	started := time.Now()
	_, err = client.Users.StartCall(ctx, agent.ID, &aircall.StartCallRequest{NumberID: numberID, To: customer})
	switch {
	case errors.Is(err, aircall.ErrMethodNotAllowed):
		log.Fatalf("%s is not available", agent.Name)
	case err != nil:
		log.Fatal(err)
	}

	// 3. Find the Call just started (the call.created webhook is the
	// real-time alternative), then tag and comment it.
	calls, _, err := client.Calls.Search(ctx, &aircall.CallSearchOptions{
		UserID:      agent.ID,
		Direction:   string(aircall.CallOutbound),
		From:        started.Add(-time.Minute),
		Order:       "desc",
		ListOptions: aircall.ListOptions{PerPage: 1},
	})
	if err != nil {
		log.Fatal(err)
	}
	if len(calls) == 0 {
		log.Fatal("the call is not listed yet: retry in a few seconds")
	}
	call := calls[0]
	if _, err := client.Calls.AddTags(ctx, call.ID, []int64{545}); err != nil {
		log.Fatal(err)
	}
	if _, err := client.Calls.AddComment(ctx, call.ID, "Started from the CRM"); err != nil {
		log.Fatal(err)
	}
	fmt.Println("started call", call.ID)
}
