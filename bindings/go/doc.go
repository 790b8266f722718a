// Package jet is the Go binding of libjet: Junos JET notifications (JSON
// events over MQTT) and JET services (gRPC: interfaces, firewall,
// management), over libjet's C ABI (include/jet.h).
//
// A notification session ([OpenNotifications]) subscribes to topic filters
// built with the Topic* functions; events arrive in a callback
// ([Notifications.Subscribe]) or are pulled ([Notifications.Next],
// [Notifications.Events]). A service session ([OpenService]) logs in to the
// device and makes calls, each taking a [context.Context]: its deadline is
// the call's timeout and cancelling it ends the call with an error matching
// [context.Canceled].
//
// Every failure is a *[Error] that [errors.Is] matches against the Err*
// sentinels. Callbacks run on libjet's dispatcher threads, one at a time per
// session; a callback may unsubscribe or close its own session. Call
// [Shutdown] before the program exits.
package jet
