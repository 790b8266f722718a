package net.libjet;

/**
 * Counters of a notification session (jet_notification_stats_t).
 *
 * @param received messages received from the broker
 * @param delivered events handed to the application
 * @param dropped events dropped because the application was slower than the device
 * @param parseErrors messages that were not valid JET events (still delivered, flagged)
 * @param reconnects reconnects after a lost connection
 */
public record NotificationStats(long received, long delivered, long dropped, long parseErrors, long reconnects) {
}
