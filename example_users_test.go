package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// List every User of the company, 50 per request, with the client pacing
// itself under the API's rate limit. Listed Users carry no Numbers: see
// UsersV2Service.ListWithNumbersIter.
func ExampleUsersV2Service_ListIter() {
	s := exampleServer()
	defer s.Close()
	s.AddUser(aircall.User{Name: "John Doe", Email: "john.doe@example.com"})
	s.AddUser(aircall.User{Name: "Jane Roe", Email: "jane.roe@example.com"})
	client := s.Client() // real code: aircall.NewClient(aircall.WithBasicAuth(apiID, apiToken))

	ctx := context.Background()
	for user, err := range client.UsersV2.ListIter(ctx, &aircall.UserV2ListOptions{Order: "asc"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %s <%s> %s\n", user.ID, user.Name, user.Email, user.AvailabilityStatus)
	}
	// Output:
	// 460 John Doe <john.doe@example.com> available
	// 461 Jane Roe <jane.roe@example.com> available
}

// Click-to-call from a CRM: find the rep by email, start a call from their
// Phone app to the customer, then tag and comment the resulting Call.
// StartCallAndWait returns the Call itself: the API's answer to a started
// call is empty, so it finds the call as soon as Aircall lists it.
func ExampleUsersService_StartCallAndWait() {
	s := exampleServer(aircalltest.WithStartCallDelay(time.Second)) // the phone places the call within a second
	defer s.Close()
	rep := s.AddUser(aircall.User{Name: "John Doe", Email: "rep@example.com"})
	s.AddNumber(aircall.Number{Name: "Sales", Users: []*aircall.User{{ID: rep.ID}}})
	client := s.Client()
	ctx := context.Background()

	// 1. The rep, and a Number to call from: their default one, else the
	// first of their Numbers.
	user, err := client.UsersV2.FindByEmail(ctx, "rep@example.com")
	if err != nil {
		log.Fatal(err)
	}
	numberID := user.DefaultNumberID
	if numberID == 0 {
		numbers, _, err := client.UsersV2.ListNumbers(ctx, user.ID, nil)
		if err != nil || len(numbers) == 0 {
			log.Fatalf("no number for %s: %v", user.Name, err)
		}
		numberID = numbers[0].ID
	}

	// 2. Start the call and get it.
	call, err := client.Users.StartCallAndWait(ctx, user.ID,
		&aircall.StartCallRequest{NumberID: numberID, To: "+14155551234"}, nil)
	switch {
	case errors.Is(err, aircall.ErrMethodNotAllowed):
		log.Fatalf("%s is not available", user.Name)
	case errors.Is(err, aircall.ErrCallNotListed):
		log.Fatal("the call was started but is not listed yet: the call.created webhook will bring it")
	case err != nil:
		log.Fatal(err)
	}

	// 3. Disposition back on the call.
	if _, err := client.Calls.AddTagsByName(ctx, call.ID, "follow_up"); err != nil {
		log.Fatal(err)
	}
	if _, err := client.Calls.AddComment(ctx, call.ID, "Started from the CRM"); err != nil {
		log.Fatal(err)
	}
	fmt.Println("call", call.ID, "from", call.User.Name, "to", call.RawDigits)
	// Output:
	// call 900 from John Doe to +14155551234
}
