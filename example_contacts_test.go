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
	client, err := aircall.NewClient(aircall.WithBasicAuth("YOUR_API_ID", "YOUR_API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
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

	email, _, err := client.Contacts.AddEmail(ctx, contact.ID, &aircall.ContactDetail{Label: "Work", Value: "v.abad@example.com"})
	switch {
	case errors.Is(err, aircall.ErrConflict):
		fmt.Println("the contact already has 20 emails")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Printf("added email %d to %s %s\n", email.ID, contact.FirstName, contact.LastName)
	}
}

// Go through every contact, even past the API's 10,000-item cap: the
// iterator restarts from the last creation time by itself.
func ExampleContactsService_ListIter() {
	client, err := aircall.NewClient(aircall.WithBasicAuth("YOUR_API_ID", "YOUR_API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
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
}
