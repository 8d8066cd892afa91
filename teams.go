package aircall

// TeamsService manages Teams: groups of Users used in the call distribution of Numbers.
type TeamsService service
