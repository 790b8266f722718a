package jet

// Internals the tests look at.

// SubscriptionReleased is closed once libjet released the subscription's
// callback (its free_user_data ran).
func SubscriptionReleased(s *Subscription) <-chan struct{} {
	return s.sub.done
}

// ABIMismatch is the error the binding gives for a library of another ABI.
var ABIMismatch = abiMismatch
