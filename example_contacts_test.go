package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/aircall-go/aircall"
)

// Find a contact by phone number, then add an email address to it.
func ExampleContactsService_Search() {
	s := exampleServer()
	defer s.Close()
	s.AddContact(aircall.Contact{FirstName: "Victor", LastName: "Abad",
		PhoneNumbers: []aircall.ContactDetail{{Label: "Mobile", Value: "+34664673697"}}})
	client := s.Client()
	ctx := context.Background()

	contacts, _, err := client.Contacts.Search(ctx, &aircall.ContactSearchOptions{PhoneNumber: "+34664673697"})
	if err != nil {
		log.Fatal(err)
	}
	if len(contacts) == 0 {
		fmt.Println("no shared contact has this number")
		return
	}
	contact := contacts[0]
	_, _, err = client.Contacts.AddEmail(ctx, contact.ID, &aircall.ContactDetail{Label: "Work", Value: "v.abad@example.com"})
	switch {
	case errors.Is(err, aircall.ErrConflict):
		fmt.Println("the contact already has 20 emails")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Printf("added an email to %s %s\n", contact.FirstName, contact.LastName)
	}
	// Output:
	// added an email to Victor Abad
}

// Go through every contact, even past the API's 10,000-item cap: the
// iterator restarts from the last creation time by itself.
func ExampleContactsService_ListIter() {
	s := exampleServer()
	defer s.Close()
	s.AddContact(aircall.Contact{FirstName: "Ada", Emails: []aircall.ContactDetail{{Value: "ada@example.com"}}})
	s.AddContact(aircall.Contact{FirstName: "Grace"})
	s.AddContact(aircall.Contact{FirstName: "Linus"})
	client := s.Client()

	n := 0
	for contact, err := range client.Contacts.ListIter(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		if len(contact.Emails) == 0 {
			n++
		}
	}
	fmt.Println(n, "contacts have no email")
	// Output:
	// 2 contacts have no email
}
