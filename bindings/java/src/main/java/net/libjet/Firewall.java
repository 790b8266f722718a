package net.libjet;

import java.time.Duration;
import java.util.List;

import static net.libjet.Utf8.cstring;

/**
 * Firewall filters, policers and counters of a {@link Service}
 * (jet_firewall_*). Filters, term changes and policers are given as the
 * native types ({@link Filter}, {@link TermChange}, {@link Policer}) or as
 * the C ABI's JSON text; libjet checks either, and an error names the JSON
 * path. Each call has a form without a timeout (the session's deadline).
 */
public final class Firewall {
    private static final int FILTER_ADD = 0, FILTER_REPLACE = 1, POLICER_ADD = 2, POLICER_MODIFY = 3;
    private static final int TIMER_SET = 0, TIMER_GET = 1, TIMER_DELETE = 2;

    private final NativeHandle session;

    Firewall(NativeHandle session) {
        this.session = session;
    }

    private void document(int which, String json, Duration timeout) {
        byte[] cJson = cstring(json);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniFirewall.document(h, which, cJson, ms, cancel);
            return null;
        });
    }

    /** Adds a filter. */
    public void filterAdd(Filter filter) { filterAdd(filter.toJson(), null); }

    /** Adds a filter, with deadline {@code timeout}. */
    public void filterAdd(Filter filter, Duration timeout) { filterAdd(filter.toJson(), timeout); }

    /** Adds a filter given as JSON. */
    public void filterAdd(String filterJson) { filterAdd(filterJson, null); }

    /** Adds a filter given as JSON, with deadline {@code timeout}. */
    public void filterAdd(String filterJson, Duration timeout) { document(FILTER_ADD, filterJson, timeout); }

    /** Replaces a filter this session added with {@code filter} (same name and family), in one call. */
    public void filterReplace(Filter filter) { filterReplace(filter.toJson(), null); }

    /** Replaces a filter, with deadline {@code timeout}. */
    public void filterReplace(Filter filter, Duration timeout) { filterReplace(filter.toJson(), timeout); }

    /** Replaces a filter given as JSON. */
    public void filterReplace(String filterJson) { filterReplace(filterJson, null); }

    /** Replaces a filter given as JSON, with deadline {@code timeout}. */
    public void filterReplace(String filterJson, Duration timeout) { document(FILTER_REPLACE, filterJson, timeout); }

    /** Changes single terms of a filter in one call. */
    public void filterModify(String filterName, Family family, List<TermChange> changes) {
        filterModify(filterName, family, TermChange.toJson(changes), null);
    }

    /** Changes single terms, with deadline {@code timeout}. */
    public void filterModify(String filterName, Family family, List<TermChange> changes, Duration timeout) {
        filterModify(filterName, family, TermChange.toJson(changes), timeout);
    }

    /** Changes single terms given as a JSON list. */
    public void filterModify(String filterName, Family family, String changesJson) {
        filterModify(filterName, family, changesJson, null);
    }

    /** Changes single terms given as a JSON list, with deadline {@code timeout}. */
    public void filterModify(String filterName, Family family, String changesJson, Duration timeout) {
        byte[] name = cstring(filterName);
        byte[] changes = cstring(changesJson);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniFirewall.filterModify(h, name, family.code(), changes, ms, cancel);
            return null;
        });
    }

    /** Deletes a filter; it must not be bound. */
    public void filterDelete(String filterName, Family family) { filterDelete(filterName, family, null); }

    /** Deletes a filter, with deadline {@code timeout}. */
    public void filterDelete(String filterName, Family family, Duration timeout) {
        byte[] name = cstring(filterName);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniFirewall.filterDelete(h, name, family.code(), ms, cancel);
            return null;
        });
    }

    /** Binds a filter to logical interface {@code interfaceName} (e.g. "ge-0/0/0.0") in {@code direction}. */
    public void bind(String filterName, Family family, String interfaceName, Direction direction) {
        bind(filterName, family, interfaceName, direction, null);
    }

    /** Binds a filter, with deadline {@code timeout}. */
    public void bind(String filterName, Family family, String interfaceName, Direction direction, Duration timeout) {
        binding(true, filterName, family, interfaceName, direction, timeout);
    }

    /** Removes a binding made with {@link #bind}. */
    public void unbind(String filterName, Family family, String interfaceName, Direction direction) {
        unbind(filterName, family, interfaceName, direction, null);
    }

    /** Removes a binding, with deadline {@code timeout}. */
    public void unbind(String filterName, Family family, String interfaceName, Direction direction, Duration timeout) {
        binding(false, filterName, family, interfaceName, direction, timeout);
    }

    private void binding(boolean bind, String filterName, Family family, String interfaceName, Direction direction, Duration timeout) {
        byte[] name = cstring(filterName);
        byte[] iface = cstring(interfaceName);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniFirewall.binding(h, bind, name, family.code(), iface, direction.code(), ms, cancel);
            return null;
        });
    }

    /** Adds a two-color policer. */
    public void policerAdd(Policer policer) { policerAdd(policer.toJson(), null); }

    /** Adds a policer, with deadline {@code timeout}. */
    public void policerAdd(Policer policer, Duration timeout) { policerAdd(policer.toJson(), timeout); }

    /** Adds a policer given as JSON. */
    public void policerAdd(String policerJson) { policerAdd(policerJson, null); }

    /** Adds a policer given as JSON, with deadline {@code timeout}. */
    public void policerAdd(String policerJson, Duration timeout) { document(POLICER_ADD, policerJson, timeout); }

    /** Changes a policer's parameters. */
    public void policerModify(Policer policer) { policerModify(policer.toJson(), null); }

    /** Changes a policer, with deadline {@code timeout}. */
    public void policerModify(Policer policer, Duration timeout) { policerModify(policer.toJson(), timeout); }

    /** Changes a policer given as JSON. */
    public void policerModify(String policerJson) { policerModify(policerJson, null); }

    /** Changes a policer given as JSON, with deadline {@code timeout}. */
    public void policerModify(String policerJson, Duration timeout) { document(POLICER_MODIFY, policerJson, timeout); }

    /** Deletes a policer. */
    public void policerDelete(String policerName, PolicerScope scope) { policerDelete(policerName, scope, null); }

    /** Deletes a policer, with deadline {@code timeout}. */
    public void policerDelete(String policerName, PolicerScope scope, Duration timeout) {
        byte[] name = cstring(policerName);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniFirewall.policerDelete(h, name, scope.code(), ms, cancel);
            return null;
        });
    }

    /** Reads a filter counter. */
    public Counter counterGet(String filterName, String counterName) { return counterGet(filterName, counterName, null); }

    /** Reads a filter counter, with deadline {@code timeout}. */
    public Counter counterGet(String filterName, String counterName, Duration timeout) {
        return counter(false, filterName, counterName, timeout);
    }

    /** Reads a policer counter (a term-specific policer's counter is named "POLICER-TERM"). */
    public Counter policerCounterGet(String filterName, String counterName) {
        return policerCounterGet(filterName, counterName, null);
    }

    /** Reads a policer counter, with deadline {@code timeout}. */
    public Counter policerCounterGet(String filterName, String counterName, Duration timeout) {
        return counter(true, filterName, counterName, timeout);
    }

    private Counter counter(boolean policer, String filterName, String counterName, Duration timeout) {
        byte[] filter = cstring(filterName);
        byte[] counter = cstring(counterName);
        int ms = NativeHandle.millis(timeout);
        long[] value = new long[2];
        session.blocking((h, cancel) -> {
            JniFirewall.counterGet(h, policer, filter, counter, ms, cancel, value);
            return null;
        });
        return new Counter(value[0], value[1]);
    }

    /** Resets a filter counter to zero. */
    public void counterClear(String filterName, String counterName) { counterClear(filterName, counterName, null); }

    /** Resets a filter counter, with deadline {@code timeout}. */
    public void counterClear(String filterName, String counterName, Duration timeout) {
        byte[] filter = cstring(filterName);
        byte[] counter = cstring(counterName);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniFirewall.counterClear(h, filter, counter, ms, cancel);
            return null;
        });
    }

    /** Every counter of a filter as libjet's JSON: {@code [{"name": "c", "bytes": 840, "packets": 10}, …]}. */
    public String countersGet(String filterName) { return countersGet(filterName, null); }

    /** Every counter of a filter, with deadline {@code timeout}. */
    public String countersGet(String filterName, Duration timeout) {
        byte[] filter = cstring(filterName);
        int ms = NativeHandle.millis(timeout);
        return session.blocking((h, cancel) -> JniFirewall.countersGet(h, filter, ms, cancel));
    }

    /** Sets how long (1-1000 s) the device keeps this client's filters after it disconnects (jnx, Junos 24.2+). */
    public void purgeTimerSet(int seconds) { purgeTimerSet(seconds, null); }

    /** Sets the purge timer, with deadline {@code timeout}. */
    public void purgeTimerSet(int seconds, Duration timeout) { purgeTimer(TIMER_SET, seconds, timeout); }

    /** The purge timer in seconds. */
    public int purgeTimerGet() { return purgeTimerGet(null); }

    /** The purge timer, with deadline {@code timeout}. */
    public int purgeTimerGet(Duration timeout) { return purgeTimer(TIMER_GET, 0, timeout); }

    /** Removes the purge timer setting. */
    public void purgeTimerDelete() { purgeTimerDelete(null); }

    /** Removes the purge timer setting, with deadline {@code timeout}. */
    public void purgeTimerDelete(Duration timeout) { purgeTimer(TIMER_DELETE, 0, timeout); }

    private int purgeTimer(int action, int seconds, Duration timeout) {
        int ms = NativeHandle.millis(timeout);
        return session.blocking((h, cancel) -> JniFirewall.purgeTimer(h, action, seconds, ms, cancel));
    }
}
