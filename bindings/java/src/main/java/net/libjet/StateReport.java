package net.libjet;

import java.util.List;
import java.util.Objects;

/**
 * One check of a service session's JET state after a reconnect
 * (jet_service_state_report_t), copied out of libjet: immutable. Each entry
 * is libjet's text for one object: {@code "filter NAME"},
 * {@code "policer NAME"} or {@code "address IFL FAMILY ADDRESS/LEN"}; a
 * failed entry also says why ({@code "<entry>: <message>"}).
 */
public final class StateReport {
    private final List<String> present;
    private final List<String> purged;
    private final List<String> reapplied;
    private final List<String> failed;

    StateReport(String[] present, String[] purged, String[] reapplied, String[] failed) {
        this.present = List.of(present);
        this.purged = List.of(purged);
        this.reapplied = List.of(reapplied);
        this.failed = List.of(failed);
    }

    /** What the device still has. */
    public List<String> present() {
        return present;
    }

    /** What the device had lost (including what was added again). */
    public List<String> purged() {
        return purged;
    }

    /** What was added again ({@link StateMode#REAPPLY}). */
    public List<String> reapplied() {
        return reapplied;
    }

    /** What could not be checked or added again. */
    public List<String> failed() {
        return failed;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StateReport)) {
            return false;
        }
        StateReport that = (StateReport) other;
        return present.equals(that.present) && purged.equals(that.purged) && reapplied.equals(that.reapplied)
                && failed.equals(that.failed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, purged, reapplied, failed);
    }

    @Override
    public String toString() {
        return "StateReport[present=" + present + ", purged=" + purged + ", reapplied=" + reapplied + ", failed=" + failed + "]";
    }
}
