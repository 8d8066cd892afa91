package aircalltest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// Seed the fake with what your test needs and use the SDK against it.
func ExampleNewServer() {
	s := aircalltest.NewServer()
	defer s.Close()
	paris := s.AddNumber(aircall.Number{Name: "Paris", Digits: "+33 1 76 11 11 11", Country: "FR"})
	ada := s.AddUser(aircall.User{Name: "Ada Lovelace", Numbers: []*aircall.Number{paris}})
	s.AddCall(aircall.Call{Direction: aircall.CallInbound, User: ada, Number: paris, Duration: 125, RawDigits: "+18001231234"})

	client := s.Client()
	calls, _, err := client.Calls.List(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range calls {
		fmt.Println(c.Direction, c.RawDigits, c.User.Name, c.Number.Name, time.Duration(c.Duration)*time.Second)
	}
	// Output:
	// inbound +18001231234 Ada Lovelace Paris 2m5s
}

// Receive the events of what changes in the fake, here straight into a
// handler without a socket.
func ExampleServer_AddWebhook() {
	hook := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var e struct {
			Event string `json:"event"`
			Data  struct {
				FirstName string `json:"first_name"`
			} `json:"data"`
		}
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &e)
		fmt.Println(e.Event, e.Data.FirstName)
	})
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDeliveryClient(aircalltest.HandlerClient(hook)))
	defer s.Close()
	s.AddWebhook("https://hooks.example.com/aircall", "contact.created")

	ctx := context.Background()
	_, _, err := s.Client().Contacts.Create(ctx, &aircall.CreateContactRequest{
		FirstName:    aircall.Ptr("Grace"),
		PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: "+19001112222"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := s.FlushDeliveries(ctx); err != nil {
		log.Fatal(err)
	}
	// Output:
	// contact.created Grace
}

// Make the next two requests fail with a 503: the client's retries absorb them.
func ExampleServer_FailNext() {
	s := aircalltest.NewServer()
	defer s.Close()
	s.FailNext(2, http.StatusServiceUnavailable)
	client := s.Client(aircall.WithRetryPolicy(aircall.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond}))
	resp, err := client.Ping(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("attempts:", resp.Attempts)
	// Output:
	// attempts: 3
}
