package bench

// #include <time.h>
// #include <stdint.h>
// static int64_t monotonic_ns(void) {
//     struct timespec t;
//     clock_gettime(CLOCK_MONOTONIC, &t);
//     return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
// }
import "C"

// NowNS is CLOCK_MONOTONIC in ns, the clock of the publisher's "sent-ns".
func NowNS() int64 {
	return int64(C.monotonic_ns())
}
