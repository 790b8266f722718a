package net.libjet;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static net.libjet.Utf8.cstring;

/**
 * A JET notification event. Two kinds, one type:
 * <ul>
 * <li><b>borrowed</b>: the event a subscription listener receives. It is
 * valid only on the listener's thread while the listener runs; afterwards
 * (or from another thread) every method throws {@link ClosedException}.
 * Keep it with {@link #copy()}. close() on it does nothing.</li>
 * <li><b>owned</b>: from {@link Notifications#poll} or {@link #copy()}.
 * Close it when done (AutoCloseable); a forgotten one is freed by a Cleaner.
 * Do not close it while another thread reads it.</li>
 * </ul>
 * Header fields are null when the event lacks them; attribute readers throw
 * {@link NotFoundException} for a missing attribute and a JetException with
 * status WRONG_TYPE or PARSE_ERROR otherwise.
 */
public final class Event implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private static final int TOPIC = 0;
    private static final int ID = 1;
    private static final int HOSTNAME = 2;
    private static final int TIME = 3;
    private static final int SEVERITY = 4;
    private static final int FACILITY = 5;
    private static final int PROCESS_NAME = 6;
    private static final int MESSAGE = 7;
    private static final int PARSE_ERROR = 8;
    private static final int ATTRIBUTES_JSON = 9;

    /** Borrowed: the pointer and the thread it is valid on (0 / null once the callback returned). */
    private volatile long borrowed;
    private final Thread owner;
    /** Owned: the handle (null for a borrowed event). */
    private final NativeHandle owned;
    private final Cleaner.Cleanable cleanable;

    private Event(long borrowed, Thread owner, NativeHandle owned) {
        this.borrowed = borrowed;
        this.owner = owner;
        this.owned = owned;
        this.cleanable = owned == null ? null : CLEANER.register(this, owned);
    }

    /** A borrowed event, valid on the current thread until {@link #invalidate()}. */
    static Event borrow(long pointer) {
        return new Event(pointer, Thread.currentThread(), null);
    }

    /** An owned event (from jet_notification_next or jet_event_clone). */
    static Event own(long pointer) {
        return new Event(0, null, new NativeHandle("event", pointer, JniEvent::free));
    }

    /** Ends a borrowed event's validity (its callback returned). */
    void invalidate() {
        borrowed = 0;
    }

    /** Whether this event was copied out of libjet and must be closed. */
    public boolean isOwned() {
        return owned != null;
    }

    /** Reads the event with its pointer. */
    private <T> T read(java.util.function.LongFunction<T> body) {
        if (owned != null) {
            return owned.use(body);
        }
        long pointer = borrowed;
        if (pointer == 0 || Thread.currentThread() != owner) {
            throw new ClosedException(Status.CLOSED,
                    "a listener's event is valid only in the listener, on its thread; keep it with copy()", -1, -1);
        }
        return body.apply(pointer);
    }

    private String header(int which) {
        return read(p -> JniEvent.header(p, which));
    }

    /** The topic the event arrived on. */
    public String topic() {
        return header(TOPIC);
    }

    /** The event id, e.g. "KERNEL_EVENT_IFA_ADD"; null when absent or unparsed. */
    public String id() {
        return header(ID);
    }

    /** The device's host name; null when absent. */
    public String hostname() {
        return header(HOSTNAME);
    }

    /** The device's time stamp text, e.g. "2019-01-22-14:59:06"; null when absent. */
    public String time() {
        return header(TIME);
    }

    /** The severity, e.g. "info"; null when absent. */
    public String severity() {
        return header(SEVERITY);
    }

    /** The facility, e.g. "KERNEL"; null when absent. */
    public String facility() {
        return header(FACILITY);
    }

    /** A syslog event's process name; null when absent. */
    public String processName() {
        return header(PROCESS_NAME);
    }

    /** A syslog event's message text; null when absent. */
    public String message() {
        return header(MESSAGE);
    }

    /** Why the payload is not a JET event; null when it was parsed. */
    public String parseError() {
        return header(PARSE_ERROR);
    }

    /** Whether the payload was a valid JET event. */
    public boolean isParsed() {
        return read(JniEvent::isParsed);
    }

    /** A syslog event's process id (a number, or a string of digits on the wire). */
    public long processId() {
        return read(JniEvent::processId);
    }

    /** The payload exactly as received (a copy). */
    public byte[] raw() {
        return read(JniEvent::raw);
    }

    /** The attributes as compact JSON, keys in alphabetical order ("{}" when none or unparsed). */
    public String attributesJson() {
        return header(ATTRIBUTES_JSON);
    }

    /** The attribute names, in alphabetical order. */
    public List<String> attributeNames() {
        return read(p -> {
            int count = JniEvent.attrCount(p);
            List<String> names = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                names.add(JniEvent.attrName(p, i));
            }
            return Collections.unmodifiableList(names);
        });
    }

    /** A string attribute. */
    public String attrString(String name) {
        byte[] key = cstring(name);
        return read(p -> JniEvent.attrText(p, key, 0));
    }

    /** An integer attribute (a JSON integer, or a string of decimal digits). */
    public long attrInt(String name) {
        byte[] key = cstring(name);
        return read(p -> JniEvent.attrInt(p, key));
    }

    /** Any attribute as compact JSON text. */
    public String attrJson(String name) {
        byte[] key = cstring(name);
        return read(p -> JniEvent.attrText(p, key, 1));
    }

    /** The elements of an array attribute of strings (e.g. "nexthop-address"). */
    public List<String> attrStrings(String name) {
        byte[] key = cstring(name);
        return read(p -> {
            int length = JniEvent.attrArrayLength(p, key);
            List<String> items = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                items.add(JniEvent.attrArrayString(p, key, i));
            }
            return Collections.unmodifiableList(items);
        });
    }

    /** An owned copy of this event, to keep after a listener returns. */
    public Event copy() {
        return own(read(JniEvent::copy));
    }

    /** Frees an owned event; does nothing for a borrowed one. Safe to call twice. */
    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        try {
            return isParsed() ? id() + " " + topic() + " " + attributesJson() : "PARSE-ERROR " + topic();
        } catch (ClosedException e) {
            return "Event(closed)";
        }
    }
}
