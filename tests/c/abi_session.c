/*
 * abi_session: the whole notification ABI against a real broker.
 *
 * Usage: abi_session --port PORT --data DIR
 *   PORT  a Mosquitto broker on 127.0.0.1
 *   DIR   tests/data/events (topics.tsv and the sample payloads)
 *
 * The program drives its driver (tests/c_abi.rs) through stdout, one command
 * per line, and waits (with a timeout) for the effect:
 *   PUBLISH            publish every sample of topics.tsv, in order
 *   RESTART <id>       restart the broker, then wait until the client <id>
 *                      has subscribed again before handling the next line
 * Everything else on stdout is informational; the last line is
 * "N passed, N failed". Failures are described on stderr.
 *
 * What it checks: open, client id, state, stats; a callback subscription that
 * clones every event and checks every accessor on every sample afterwards;
 * a pull subscription with jet_notification_next (and its timeout); the
 * state callback across a broker restart; the log callback; unsubscribe from
 * inside a callback; jet_notification_close from inside a callback (second
 * session); jet_shutdown refused inside a callback; free_user_data called
 * exactly once for every subscription and callback; unsubscribe_all, close
 * and jet_shutdown; the arguments of the session and event functions that
 * need a live session.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "jet.h"

/* Each wait for an effect may take this long (valgrind is slow). */
#define WAIT_SECONDS 30
#define MAX_SAMPLES 32
#define MAX_EVENTS 64

static const char BAD_UTF8[] = "\xff\xfe";
static char sentinel_byte;
#define SENTINEL_CONST ((const char *)&sentinel_byte)
#define SENTINEL_I64 INT64_C(-6666666)

/* ------------------------------------------------------------------------ */
/* The samples and what each must look like                                  */
/* ------------------------------------------------------------------------ */

struct sample {
    char file[128];
    char topic[512];
    unsigned char *payload;
    size_t len;
    int seen; /* how many times the callback subscription delivered it */
};

static struct sample samples[MAX_SAMPLES];
static size_t sample_count;

/* What a sample's event must say. `id` is NULL for the two payloads that are
 * not JET events. `text` is a string attribute; `number` an integer one
 * (sent as a JSON number unless `number_is_text`). */
struct expectation {
    const char *file;
    const char *id;
    size_t attr_count;
    const char *text_name;
    const char *text_value;
    const char *number_name;
    long long number_value;
    int number_is_text;
    long long process_id; /* -1: none */
};

static const struct expectation expectations[] = {
    {"ifd-add.json", "KERNEL_EVENT_IFD_ADD", 3, "name", "ge-0/0/0", "snmp-id", 520, 0, -1},
    {"ifl-change.json", "KERNEL_EVENT_IFL_CHANGE", 4, "name", "ge-0/0/0", "flags", 49152, 0, -1},
    {"iff-add.json", "KERNEL_EVENT_IFF_ADD", 5, "family", "inet6", "subunit", 0, 0, -1},
    {"ifa-add.json", "KERNEL_EVENT_IFA_ADD", 8, "local-address", "192.0.2.1/32",
     "generation-number", 144, 0, -1},
    {"firewall-add.json", "KERNEL_EVENT_FIREWALL_FILTER_ADD", 7, "client-id", "app1", "version",
     1, 0, -1},
    {"route-add.json", "KERNEL_EVENT_ROUTE_ADD", 7, "route-prefix", "198.51.100.0/24", "flags", 0,
     0, -1},
    {"route-table-add.json", "KERNEL_EVENT_ROUTE_TABLE_ADD", 4, "name", "blue.inet.0", "flags", 0,
     0, -1},
    {"syslog-login.json", "LOGIN_INFORMATION", 3, "tty-name", "/dev/ttyp0", NULL, 0, 0, 13614},
    {"syslog-ui-commit.json", "UI_CHILD_STATUS", 3, "command", "/usr/sbin/dcd", "pid", 4250, 1,
     4242},
    {"config-update.json", "CONFIG_UPDATE", 2, "commit-comment", "jet test", NULL, 0, 0, -1},
    {"doc-missing-comma.json", NULL, 0, NULL, NULL, NULL, 0, 0, -1},
    {"not-json.txt", NULL, 0, NULL, NULL, NULL, 0, 0, -1},
};
#define N_EXPECTATIONS (sizeof expectations / sizeof expectations[0])

static const struct expectation *expectation_for(const char *file)
{
    size_t i;
    for (i = 0; i < N_EXPECTATIONS; i++) {
        if (strcmp(expectations[i].file, file) == 0) {
            return &expectations[i];
        }
    }
    return NULL;
}

static void die(const char *what)
{
    fprintf(stderr, "abi_session: %s\n", what);
    exit(2);
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL;
    size_t size = 0;
    size_t cap = 0;
    if (f == NULL) {
        die(path);
    }
    for (;;) {
        size_t got;
        if (size == cap) {
            cap = cap ? cap * 2 : 4096;
            data = (unsigned char *)realloc(data, cap);
            if (data == NULL) {
                die("out of memory");
            }
        }
        got = fread(data + size, 1, cap - size, f);
        size += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    *len = size;
    return data;
}

/* Copies `src` into `dst` of `size` bytes; a longer `src` is fatal. */
static void copy_bounded(char *dst, size_t size, const char *src)
{
    size_t len = strlen(src);
    if (len >= size) {
        die("a path or topic is too long");
    }
    memcpy(dst, src, len + 1);
}

/* `dir`/`name` into `path` of `size` bytes. */
static void join_path(char *path, size_t size, const char *dir, const char *name)
{
    if (strlen(dir) + 1 + strlen(name) >= size) {
        die("a path is too long");
    }
    strcpy(path, dir);
    strcat(path, "/");
    strcat(path, name);
}

/* Reads DIR/topics.tsv ("file<TAB>topic<TAB>what") and every payload. */
static void load_samples(const char *dir)
{
    char path[1024];
    char line[2048];
    FILE *index;
    join_path(path, sizeof path, dir, "topics.tsv");
    index = fopen(path, "r");
    if (index == NULL) {
        die(path);
    }
    while (fgets(line, sizeof line, index) != NULL) {
        struct sample *s;
        char *file = line;
        char *topic;
        char *end;
        if (line[0] == '#' || line[0] == '\n' || line[0] == '\0') {
            continue;
        }
        topic = strchr(file, '\t');
        if (topic == NULL || sample_count == MAX_SAMPLES) {
            die("topics.tsv: bad line");
        }
        *topic++ = '\0';
        end = strpbrk(topic, "\t\n");
        if (end != NULL) {
            *end = '\0';
        }
        s = &samples[sample_count++];
        copy_bounded(s->file, sizeof s->file, file);
        copy_bounded(s->topic, sizeof s->topic, topic);
        join_path(path, sizeof path, dir, file);
        s->payload = read_file(path, &s->len);
        if (expectation_for(s->file) == NULL) {
            die("a sample without an expectation in abi_session.c");
        }
    }
    fclose(index);
    if (sample_count == 0) {
        die("no samples");
    }
}

/* The sample an event carries (same topic and payload), or NULL. */
static struct sample *sample_of(const jet_event_t *event)
{
    const char *topic = jet_event_topic(event);
    const uint8_t *data = NULL;
    size_t len = 0;
    size_t i;
    if (topic == NULL || jet_event_raw(event, &data, &len) != JET_STATUS_OK) {
        return NULL;
    }
    for (i = 0; i < sample_count; i++) {
        if (strcmp(samples[i].topic, topic) == 0 && samples[i].len == len &&
            memcmp(samples[i].payload, data, len) == 0) {
            return &samples[i];
        }
    }
    return NULL;
}

static size_t samples_on(const char *prefix)
{
    size_t i, n = 0;
    for (i = 0; i < sample_count; i++) {
        n += strncmp(samples[i].topic, prefix, strlen(prefix)) == 0;
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Event checks                                                              */
/* ------------------------------------------------------------------------ */

/* The attribute names, in jet_event_attr_name order, appear in that order
 * in jet_event_attributes_json, and each can be read. */
static void check_attribute_names(const jet_event_t *event, size_t count)
{
    const char *json = jet_event_attributes_json(event);
    const char *cursor = json;
    const char *name = SENTINEL_CONST;
    size_t i;
    CHECK(json != NULL && json[0] == '{');
    for (i = 0; i < count && json != NULL; i++) {
        char quoted[1100];
        const char *value = NULL;
        const char *at;
        if (!CHECK_STATUS(jet_event_attr_name(event, i, &name), JET_STATUS_OK)) {
            continue;
        }
        CHECK_STATUS(jet_event_attr_json(event, name, &value), JET_STATUS_OK);
        snprintf(quoted, sizeof quoted, "\"%s\":", name);
        at = strstr(cursor, quoted);
        CHECK(at != NULL);
        if (at != NULL) {
            cursor = at + strlen(quoted);
        }
    }
    name = SENTINEL_CONST;
    CHECK_STATUS(jet_event_attr_name(event, count, &name), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_event_attr_name(event, (size_t)-1, &name), JET_STATUS_NOT_FOUND);
    CHECK(name == SENTINEL_CONST);
}

static void check_text_attribute(const jet_event_t *event, const struct expectation *x)
{
    const char *value = SENTINEL_CONST;
    char quoted[512];
    int64_t number = SENTINEL_I64;
    size_t len = 4242;
    CHECK_STATUS(jet_event_attr_string(event, x->text_name, &value), JET_STATUS_OK);
    CHECK_STR(value, x->text_value);
    snprintf(quoted, sizeof quoted, "\"%s\"", x->text_value);
    CHECK_STATUS(jet_event_attr_json(event, x->text_name, &value), JET_STATUS_OK);
    CHECK_STR(value, quoted);
    /* Present, but not an integer nor an array. */
    CHECK_STATUS(jet_event_attr_int(event, x->text_name, &number), JET_STATUS_WRONG_TYPE);
    CHECK_STATUS(jet_event_attr_array_len(event, x->text_name, &len), JET_STATUS_WRONG_TYPE);
    CHECK_INT(number, SENTINEL_I64);
    CHECK_INT(len, 4242);
}

static void check_number_attribute(const jet_event_t *event, const struct expectation *x)
{
    const char *value = SENTINEL_CONST;
    int64_t number = SENTINEL_I64;
    CHECK_STATUS(jet_event_attr_int(event, x->number_name, &number), JET_STATUS_OK);
    CHECK_INT(number, x->number_value);
    if (x->number_is_text) {
        char text[32];
        snprintf(text, sizeof text, "%lld", x->number_value);
        CHECK_STATUS(jet_event_attr_string(event, x->number_name, &value), JET_STATUS_OK);
        CHECK_STR(value, text);
    } else {
        CHECK_STATUS(jet_event_attr_string(event, x->number_name, &value), JET_STATUS_WRONG_TYPE);
        CHECK(value == SENTINEL_CONST);
    }
}

static void check_absent_attribute(const jet_event_t *event)
{
    const char *value = SENTINEL_CONST;
    int64_t number = SENTINEL_I64;
    size_t len = 4242;
    CHECK_STATUS(jet_event_attr_string(event, "no-such-attribute", &value), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_event_attr_int(event, "no-such-attribute", &number), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_event_attr_json(event, "no-such-attribute", &value), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_event_attr_array_len(event, "no-such-attribute", &len),
                 JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_event_attr_array_string(event, "no-such-attribute", 0, &value),
                 JET_STATUS_NOT_FOUND);
    CHECK(value == SENTINEL_CONST);
    CHECK_INT(number, SENTINEL_I64);
    CHECK_INT(len, 4242);
}

/* route-add.json carries "nexthop-address": ["192.0.2.2", "192.0.2.3"]. */
static void check_route_arrays(const jet_event_t *event)
{
    const char *value = SENTINEL_CONST;
    size_t len = 0;
    CHECK_STATUS(jet_event_attr_array_len(event, "nexthop-address", &len), JET_STATUS_OK);
    CHECK_INT(len, 2);
    CHECK_STATUS(jet_event_attr_array_string(event, "nexthop-address", 0, &value), JET_STATUS_OK);
    CHECK_STR(value, "192.0.2.2");
    CHECK_STATUS(jet_event_attr_array_string(event, "nexthop-address", 1, &value), JET_STATUS_OK);
    CHECK_STR(value, "192.0.2.3");
    value = SENTINEL_CONST;
    CHECK_STATUS(jet_event_attr_array_string(event, "nexthop-address", 2, &value),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_string(event, "flags", 0, &value), JET_STATUS_WRONG_TYPE);
    CHECK_STATUS(jet_event_attr_string(event, "nexthop-address", &value), JET_STATUS_WRONG_TYPE);
    CHECK(value == SENTINEL_CONST);
    CHECK_STATUS(jet_event_attr_json(event, "nexthop-address", &value), JET_STATUS_OK);
    CHECK_STR(value, "[\"192.0.2.2\",\"192.0.2.3\"]");
}

static void check_header(const jet_event_t *event, const struct expectation *x)
{
    int64_t pid = SENTINEL_I64;
    CHECK_STR(jet_event_id(event), x->id);
    CHECK(jet_event_parse_error(event) == NULL);
    CHECK_STR(jet_event_hostname(event), "r1");
    CHECK(jet_event_time(event) != NULL && strlen(jet_event_time(event)) >= 10);
    CHECK(jet_event_severity(event) != NULL);
    CHECK(jet_event_facility(event) != NULL);
    if (x->process_id < 0) {
        CHECK_STATUS(jet_event_process_id(event, &pid), JET_STATUS_NOT_FOUND);
        CHECK_INT(pid, SENTINEL_I64);
        CHECK(jet_event_process_name(event) == NULL);
        CHECK(jet_event_message(event) == NULL);
        return;
    }
    CHECK_STATUS(jet_event_process_id(event, &pid), JET_STATUS_OK);
    CHECK_INT(pid, x->process_id);
    CHECK(jet_event_process_name(event) != NULL);
    CHECK(jet_event_message(event) != NULL);
}

static void check_syslog_login(const jet_event_t *event)
{
    CHECK_STR(jet_event_process_name(event), "login");
    CHECK_STR(jet_event_message(event),
              "User 'lab' logged in from host 203.0.113.7 on device ttyp0");
    CHECK_STR(jet_event_facility(event), "auth");
    CHECK_STR(jet_event_time(event), "2017-10-29-20:14:05");
    CHECK_STR(jet_event_severity(event), "info");
}

static void check_parsed_event(const jet_event_t *event, const struct expectation *x)
{
    CHECK(jet_event_is_parsed(event));
    check_header(event, x);
    CHECK_INT(jet_event_attr_count(event), x->attr_count);
    check_attribute_names(event, x->attr_count);
    check_text_attribute(event, x);
    if (x->number_name != NULL) {
        check_number_attribute(event, x);
    }
    check_absent_attribute(event);
    if (strcmp(x->file, "route-add.json") == 0) {
        check_route_arrays(event);
    }
    if (strcmp(x->file, "syslog-login.json") == 0) {
        check_syslog_login(event);
    }
}

static void check_unparsed_event(const jet_event_t *event)
{
    const char *value = SENTINEL_CONST;
    int64_t number = SENTINEL_I64;
    size_t len = 4242;
    const char *why = jet_event_parse_error(event);
    CHECK(!jet_event_is_parsed(event));
    CHECK(why != NULL && why[0] != '\0');
    CHECK(jet_event_id(event) == NULL);
    CHECK(jet_event_hostname(event) == NULL);
    CHECK_STR(jet_event_attributes_json(event), "{}");
    CHECK_INT(jet_event_attr_count(event), 0);
    CHECK_STATUS(jet_event_attr_string(event, "name", &value), JET_STATUS_PARSE_ERROR);
    CHECK_STATUS(jet_event_attr_int(event, "snmp-id", &number), JET_STATUS_PARSE_ERROR);
    CHECK_STATUS(jet_event_attr_json(event, "name", &value), JET_STATUS_PARSE_ERROR);
    CHECK_STATUS(jet_event_attr_array_len(event, "name", &len), JET_STATUS_PARSE_ERROR);
    CHECK_STATUS(jet_event_attr_array_string(event, "name", 0, &value), JET_STATUS_PARSE_ERROR);
    CHECK_STATUS(jet_event_attr_name(event, 0, &value), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_event_process_id(event, &number), JET_STATUS_NOT_FOUND);
    CHECK(value == SENTINEL_CONST);
    CHECK_INT(number, SENTINEL_I64);
    CHECK_INT(len, 4242);
}

/* Every accessor on `event`, which must carry `sample`. */
static void check_event(const jet_event_t *event, const struct sample *sample)
{
    const struct expectation *x = expectation_for(sample->file);
    const uint8_t *data = NULL;
    size_t len = 0;
    CHECK_STR(jet_event_topic(event), sample->topic);
    CHECK_STATUS(jet_event_raw(event, &data, &len), JET_STATUS_OK);
    CHECK(len == sample->len && data != NULL && memcmp(data, sample->payload, len) == 0);
    if (x->id != NULL) {
        check_parsed_event(event, x);
    } else {
        check_unparsed_event(event);
    }
}

/* The arguments of the event functions, on a real event. */
static void check_event_arguments(const jet_event_t *event)
{
    char *long_name = (char *)malloc(5001);
    const char *value = SENTINEL_CONST;
    const uint8_t *data = (const uint8_t *)SENTINEL_CONST;
    int64_t number = SENTINEL_I64;
    size_t len = 4242;
    jet_event_t *copy = (jet_event_t *)&sentinel_byte;
    if (long_name == NULL) {
        die("out of memory");
    }
    memset(long_name, 'n', 5000);
    long_name[5000] = '\0';

    CHECK_STATUS(jet_event_process_id(event, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_raw(event, NULL, &len), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_raw(event, &data, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_name(event, 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_string(event, NULL, &value), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_string(event, "name", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_string(event, BAD_UTF8, &value), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_event_attr_string(event, long_name, &value), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_event_attr_int(event, NULL, &number), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_int(event, "flags", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_int(event, BAD_UTF8, &number), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_event_attr_int(event, long_name, &number), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_event_attr_json(event, NULL, &value), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_json(event, "name", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_json(event, BAD_UTF8, &value), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_event_attr_json(event, long_name, &value), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_len(event, NULL, &len), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_len(event, "name", NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_len(event, BAD_UTF8, &len), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_event_attr_array_len(event, long_name, &len), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_string(event, NULL, 0, &value), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_string(event, "name", 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_event_attr_array_string(event, BAD_UTF8, 0, &value),
                 JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_event_attr_array_string(event, long_name, 0, &value),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_event_clone(event, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK(value == SENTINEL_CONST);
    CHECK(data == (const uint8_t *)SENTINEL_CONST);
    CHECK_INT(number, SENTINEL_I64);
    CHECK_INT(len, 4242);
    CHECK(copy == (jet_event_t *)&sentinel_byte);
    free(long_name);
}

/* ------------------------------------------------------------------------ */
/* Shared state of the callbacks                                             */
/* ------------------------------------------------------------------------ */

/* One lock for everything the callbacks touch. Never held while calling
 * libjet: a libjet call may run a free_user_data that takes it. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

/* User data of one callback: its calls and releases are counted. */
struct user {
    const char *name;
    int calls;
    int freed;
    uint64_t id;
    jet_notification_t *session;
};

#define MAX_USERS 32
static struct user *users[MAX_USERS];
static size_t user_count;

static struct user *new_user(const char *name, jet_notification_t *session)
{
    struct user *u = (struct user *)calloc(1, sizeof *u);
    if (u == NULL || user_count == MAX_USERS) {
        die("too many users");
    }
    u->name = name;
    u->session = session;
    users[user_count++] = u;
    return u;
}

static void free_user(void *user_data)
{
    struct user *u = (struct user *)user_data;
    pthread_mutex_lock(&lock);
    u->freed++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static int user_freed(const struct user *u)
{
    int n;
    pthread_mutex_lock(&lock);
    n = u->freed;
    pthread_mutex_unlock(&lock);
    return n;
}

static int user_calls(const struct user *u)
{
    int n;
    pthread_mutex_lock(&lock);
    n = u->calls;
    pthread_mutex_unlock(&lock);
    return n;
}

/* Waits until `ready()` (called under the lock) is true; false on timeout. */
static int wait_until(int (*ready)(const void *), const void *arg, const char *what)
{
    struct timespec deadline;
    int ok;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += WAIT_SECONDS;
    pthread_mutex_lock(&lock);
    while (!(ok = ready(arg))) {
        if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT) {
            ok = ready(arg);
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    if (!ok) {
        fprintf(stderr, "abi_session: timed out waiting for %s\n", what);
    }
    return ok;
}

static int is_freed(const void *arg)
{
    return ((const struct user *)arg)->freed > 0;
}

/* The events of the callback subscription to everything, cloned. */
static jet_event_t *kept[MAX_EVENTS];
static char *kept_json[MAX_EVENTS]; /* attributes JSON read inside the callback */
static size_t kept_count;
static int shutdown_refused;

static int has_events(const void *arg)
{
    return kept_count >= *(const size_t *)arg;
}

static char *copy_text(const char *text)
{
    char *copy = (char *)malloc(strlen(text) + 1);
    if (copy == NULL) {
        die("out of memory");
    }
    return strcpy(copy, text);
}

/* Keeps a clone of every event, and the attributes JSON as seen during the
 * call; the first call also checks that jet_shutdown is refused here. */
static void keep_event(const jet_event_t *event, void *user_data)
{
    struct user *u = (struct user *)user_data;
    jet_event_t *copy = NULL;
    char *json = copy_text(jet_event_attributes_json(event));
    int first;
    CHECK(jet_event_topic(event) != NULL);
    CHECK_STATUS(jet_event_clone(event, &copy), JET_STATUS_OK);
    CHECK(copy != NULL && copy != event);
    pthread_mutex_lock(&lock);
    first = u->calls++ == 0;
    pthread_mutex_unlock(&lock);
    if (first) {
        CHECK_STATUS(jet_shutdown(), JET_STATUS_WOULD_DEADLOCK);
    }
    pthread_mutex_lock(&lock);
    shutdown_refused |= first;
    if (kept_count < MAX_EVENTS) {
        kept[kept_count] = copy;
        kept_json[kept_count] = json;
        kept_count++;
        copy = NULL;
        json = NULL;
    }
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    jet_event_free(copy);
    free(json);
}

static void count_event(const jet_event_t *event, void *user_data)
{
    struct user *u = (struct user *)user_data;
    (void)event;
    pthread_mutex_lock(&lock);
    u->calls++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/* Unsubscribes its own subscription on its first call. */
static void unsubscribe_self(const jet_event_t *event, void *user_data)
{
    struct user *u = (struct user *)user_data;
    int first;
    (void)event;
    pthread_mutex_lock(&lock);
    first = u->calls++ == 0;
    pthread_mutex_unlock(&lock);
    if (first) {
        CHECK_STATUS(jet_notification_unsubscribe(u->session, u->id), JET_STATUS_OK);
    }
}

/* Closes its own session on its first call. */
static void close_own_session(const jet_event_t *event, void *user_data)
{
    struct user *u = (struct user *)user_data;
    jet_notification_t *session = NULL;
    (void)event;
    pthread_mutex_lock(&lock);
    if (u->calls++ == 0) {
        session = u->session;
        u->session = NULL;
    }
    pthread_mutex_unlock(&lock);
    if (session != NULL) {
        jet_notification_close(session);
    }
}

/* Connection states told to the state callback. */
static jet_connection_state_t states[64];
static size_t state_count;

static void record_state(jet_connection_state_t state, void *user_data)
{
    struct user *u = (struct user *)user_data;
    pthread_mutex_lock(&lock);
    u->calls++;
    if (state_count < sizeof states / sizeof states[0]) {
        states[state_count++] = state;
    }
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/* True once the states told include RECONNECTING and, later, CONNECTED. */
static int reconnected(const void *arg)
{
    size_t i;
    int lost = 0;
    (void)arg;
    for (i = 0; i < state_count; i++) {
        if (states[i] == JET_CONNECTION_RECONNECTING) {
            lost = 1;
        } else if (lost && states[i] == JET_CONNECTION_CONNECTED) {
            return 1;
        }
    }
    return 0;
}

/* The log callback runs on any thread and must not call libjet. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_records;
static int log_bad;

static void record_log(jet_log_level_t level, const char *target, const char *message,
                       void *user_data)
{
    (void)user_data;
    pthread_mutex_lock(&log_lock);
    log_records++;
    if (level < JET_LOG_ERROR || level > JET_LOG_DEBUG || target == NULL || target[0] == '\0' ||
        message == NULL) {
        log_bad++;
    }
    pthread_mutex_unlock(&log_lock);
}

static int log_count(void)
{
    int n;
    pthread_mutex_lock(&log_lock);
    n = log_records;
    pthread_mutex_unlock(&log_lock);
    return n;
}

/* ------------------------------------------------------------------------ */
/* The steps                                                                 */
/* ------------------------------------------------------------------------ */

static void command(const char *line)
{
    printf("%s\n", line);
    fflush(stdout);
}

static jet_notification_t *open_session(uint16_t port)
{
    jet_notification_options_t options;
    jet_notification_t *session = NULL;
    CHECK_STATUS(jet_notification_options_default(&options), JET_STATUS_OK);
    options.port = port;
    if (!CHECK_STATUS(jet_notification_open(&options, &session), JET_STATUS_OK) ||
        session == NULL) {
        fprintf(stderr, "abi_session: cannot go on without a session\n");
        check_summary();
        exit(1);
    }
    return session;
}

static void check_session_basics(jet_notification_t *session)
{
    const char *id = jet_notification_client_id(session);
    CHECK(id != NULL && id[0] != '\0' && strlen(id) <= 23);
    CHECK(jet_notification_client_id(session) == id);
    {
        jet_connection_state_t state = -1;
        CHECK_STATUS(jet_notification_state(session, &state), JET_STATUS_OK);
        CHECK_INT(state, JET_CONNECTION_CONNECTED);
    }
}

/* Subscribe and friends refuse bad arguments on a live session, and free
 * the user data of a refused subscription before returning. */
static void check_session_arguments(jet_notification_t *session)
{
    char *huge = (char *)malloc(70001);
    uint64_t id = 424242;
    jet_event_t *event = (jet_event_t *)&sentinel_byte;
    struct user *u;
    if (huge == NULL) {
        die("out of memory");
    }
    memset(huge, 'a', 70000);
    huge[70000] = '\0';

#define REFUSED_SUBSCRIBE(topic, callback, out, expected)                                \
    do {                                                                                 \
        u = new_user("refused", session);                                                \
        CHECK_STATUS(jet_notification_subscribe(session, topic, callback, u, free_user,  \
                                                out),                                    \
                     expected);                                                          \
        CHECK_INT(user_freed(u), 1);                                                     \
    } while (0)
    REFUSED_SUBSCRIBE(NULL, count_event, &id, JET_STATUS_NULL_ARGUMENT);
    REFUSED_SUBSCRIBE(BAD_UTF8, count_event, &id, JET_STATUS_INVALID_UTF8);
    REFUSED_SUBSCRIBE(huge, count_event, &id, JET_STATUS_INVALID_ARGUMENT);
    REFUSED_SUBSCRIBE("a/#/b", count_event, &id, JET_STATUS_INVALID_ARGUMENT);
    REFUSED_SUBSCRIBE("", count_event, &id, JET_STATUS_INVALID_ARGUMENT);
    REFUSED_SUBSCRIBE("/junos/events/#", NULL, &id, JET_STATUS_NULL_ARGUMENT);
    REFUSED_SUBSCRIBE("/junos/events/#", count_event, NULL, JET_STATUS_NULL_ARGUMENT);
#undef REFUSED_SUBSCRIBE
    CHECK_STATUS(jet_notification_subscribe_pull(session, NULL, &id), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_subscribe_pull(session, BAD_UTF8, &id), JET_STATUS_INVALID_UTF8);
    CHECK_STATUS(jet_notification_subscribe_pull(session, huge, &id),
                 JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_notification_subscribe_pull(session, "a+", &id), JET_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(jet_notification_subscribe_pull(session, "/junos/events/#", NULL),
                 JET_STATUS_NULL_ARGUMENT);
    CHECK_INT(id, 424242);
    CHECK_STATUS(jet_notification_unsubscribe(session, 0), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_notification_unsubscribe(session, UINT64_MAX), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_notification_next(session, 0, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_state(session, NULL), JET_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(jet_notification_stats(session, NULL), JET_STATUS_NULL_ARGUMENT);
    /* No pull subscription yet: nothing comes. */
    CHECK_STATUS(jet_notification_next(session, 0, &event), JET_STATUS_NO_EVENT);
    CHECK(event == (jet_event_t *)&sentinel_byte);
    free(huge);
}

/* A second subscription to the same filter, ended at once: its user data is
 * freed before jet_notification_unsubscribe returns. */
static void check_unsubscribe_releases(jet_notification_t *session)
{
    struct user *u = new_user("short-lived", session);
    CHECK_STATUS(jet_notification_subscribe(session, "/junos/events/#", count_event, u, free_user,
                                            &u->id),
                 JET_STATUS_OK);
    CHECK(u->id != 0);
    CHECK_STATUS(jet_notification_unsubscribe(session, u->id), JET_STATUS_OK);
    CHECK_INT(user_freed(u), 1);
    CHECK_STATUS(jet_notification_unsubscribe(session, u->id), JET_STATUS_NOT_FOUND);
    CHECK_INT(user_calls(u), 0);
}

/* Replacing the state callback frees the previous one's user data; a NULL
 * callback takes no user data. */
static struct user *install_state_callback(jet_notification_t *session)
{
    struct user *first = new_user("state-1", session);
    struct user *dropped = new_user("state-null", session);
    struct user *state = new_user("state", session);
    CHECK_STATUS(jet_notification_set_state_callback(session, record_state, first, free_user),
                 JET_STATUS_OK);
    CHECK_STATUS(jet_notification_set_state_callback(session, NULL, dropped, free_user),
                 JET_STATUS_OK);
    CHECK_INT(user_freed(first), 1);
    CHECK_INT(user_freed(dropped), 1);
    CHECK_STATUS(jet_notification_set_state_callback(session, record_state, state, free_user),
                 JET_STATUS_OK);
    CHECK_INT(user_freed(state), 0);
    return state;
}

/* Waits for the pull subscription's events: one per sample on `prefix`, in
 * publication order; then none. */
static void pull_events(jet_notification_t *session, const char *prefix)
{
    size_t i;
    jet_event_t *event = NULL;
    for (i = 0; i < sample_count; i++) {
        if (strncmp(samples[i].topic, prefix, strlen(prefix)) != 0) {
            continue;
        }
        event = NULL;
        if (!CHECK_STATUS(jet_notification_next(session, WAIT_SECONDS * 1000, &event),
                          JET_STATUS_OK)) {
            return;
        }
        CHECK(event != NULL && sample_of(event) == &samples[i]);
        if (event != NULL) {
            check_event(event, &samples[i]);
        }
        jet_event_free(event);
    }
    event = (jet_event_t *)&sentinel_byte;
    CHECK_STATUS(jet_notification_next(session, 100, &event), JET_STATUS_NO_EVENT);
    CHECK(event == (jet_event_t *)&sentinel_byte);
}

/* Checks the kept clones from `first` on (after their callbacks returned),
 * then frees them. */
static void check_kept_events(size_t first, int round)
{
    size_t i;
    for (i = first; i < kept_count; i++) {
        struct sample *sample = sample_of(kept[i]);
        CHECK(sample != NULL);
        if (sample == NULL) {
            continue;
        }
        sample->seen++;
        check_event(kept[i], sample);
        CHECK_STR(jet_event_attributes_json(kept[i]), kept_json[i]);
        if (i == first) {
            check_event_arguments(kept[i]);
        }
        jet_event_free(kept[i]);
        free(kept_json[i]);
        kept[i] = NULL;
        kept_json[i] = NULL;
    }
    for (i = 0; i < sample_count; i++) {
        char what[256];
        snprintf(what, sizeof what, "%.100s delivered once in round %d", samples[i].file, round);
        check_record(samples[i].seen == round, what, __FILE__, __LINE__);
    }
}

/* Stats settle once the dispatcher has finished its batch: poll briefly. */
static void expect_stats(jet_notification_t *session, uint64_t received, uint64_t delivered,
                         uint64_t parse_errors, uint64_t reconnects)
{
    jet_notification_stats_t s;
    int tries;
    for (tries = 0; tries < WAIT_SECONDS * 100; tries++) {
        struct timespec pause = {0, 10 * 1000 * 1000};
        CHECK_STATUS(jet_notification_stats(session, &s), JET_STATUS_OK);
        if (s.received == received && s.delivered == delivered &&
            s.parse_errors == parse_errors && s.reconnects == reconnects) {
            break;
        }
        nanosleep(&pause, NULL);
    }
    CHECK_INT(s.received, received);
    CHECK_INT(s.delivered, delivered);
    CHECK_INT(s.dropped, 0);
    CHECK_INT(s.parse_errors, parse_errors);
    CHECK_INT(s.reconnects, reconnects);
}

static size_t unparsed_samples(void)
{
    size_t i, n = 0;
    for (i = 0; i < sample_count; i++) {
        n += expectation_for(samples[i].file)->id == NULL;
    }
    return n;
}

static const char SYSLOG_PREFIX[] = "/junos/events/syslog/";

struct context {
    uint16_t port;
    jet_notification_t *a;
    struct user *all;
    struct user *state;
    uint64_t pull_id;
};

/* Round 1: every sample through the callback and the pull subscription. */
static void round_one(struct context *c)
{
    char *syslog = NULL;
    size_t want = sample_count;
    size_t n = sample_count;
    c->all = new_user("all", c->a);
    CHECK_STATUS(jet_notification_subscribe(c->a, "/junos/events/#", keep_event, c->all,
                                            free_user, &c->all->id),
                 JET_STATUS_OK);
    CHECK_STATUS(jet_topic_syslog(NULL, &syslog), JET_STATUS_OK);
    CHECK_STATUS(jet_notification_subscribe_pull(c->a, syslog, &c->pull_id), JET_STATUS_OK);
    CHECK(c->pull_id != 0 && c->pull_id != c->all->id);
    jet_string_free(syslog);
    check_unsubscribe_releases(c->a);

    command("PUBLISH");
    CHECK(wait_until(has_events, &want, "round 1 events"));
    pull_events(c->a, SYSLOG_PREFIX);
    check_kept_events(0, 1);
    CHECK(shutdown_refused);
    expect_stats(c->a, n, n + samples_on(SYSLOG_PREFIX), unparsed_samples(), 0);
}

/* The broker restarts: the state callback sees the session reconnect. */
static void restart_broker(struct context *c)
{
    char line[128];
    jet_connection_state_t state = -1;
    snprintf(line, sizeof line, "RESTART %s", jet_notification_client_id(c->a));
    command(line);
    CHECK(wait_until(reconnected, NULL, "RECONNECTING then CONNECTED"));
    CHECK_STATUS(jet_notification_state(c->a, &state), JET_STATUS_OK);
    CHECK_INT(state, JET_CONNECTION_CONNECTED);
    CHECK(user_calls(c->state) >= 2);
}

/* Round 2: a callback unsubscribes itself, and a second session's callback
 * closes that session; the first session's subscriptions went on after the
 * restart. */
static void round_two(struct context *c)
{
    jet_notification_t *b = open_session(c->port);
    struct user *closer = new_user("close-own-session", b);
    struct user *quitter = new_user("unsubscribe-self", c->a);
    char *ifd = NULL;
    size_t want = 2 * sample_count;
    size_t n = sample_count;
    size_t on_ifd = 0;
    size_t i;

    CHECK(strcmp(jet_notification_client_id(b), jet_notification_client_id(c->a)) != 0);
    CHECK_STATUS(jet_notification_subscribe(b, "/junos/events/#", close_own_session, closer,
                                            free_user, &closer->id),
                 JET_STATUS_OK);
    CHECK_STATUS(jet_topic_ifd(JET_OP_ADD, NULL, &ifd), JET_STATUS_OK);
    for (i = 0; i < sample_count; i++) {
        bool matched = false;
        jet_topic_matches(ifd, samples[i].topic, &matched);
        on_ifd += matched;
    }
    CHECK(on_ifd >= 2);
    /* quitter->id is written before any event can arrive: none is published yet. */
    CHECK_STATUS(jet_notification_subscribe(c->a, ifd, unsubscribe_self, quitter, free_user,
                                            &quitter->id),
                 JET_STATUS_OK);
    jet_string_free(ifd);

    command("PUBLISH");
    CHECK(wait_until(has_events, &want, "round 2 events"));
    CHECK(wait_until(is_freed, closer, "the closed session's callback to be freed"));
    CHECK(wait_until(is_freed, quitter, "the unsubscribed callback to be freed"));
    CHECK_INT(user_calls(closer), 1);
    CHECK_INT(user_calls(quitter), 1);
    CHECK_STATUS(jet_notification_unsubscribe(c->a, quitter->id), JET_STATUS_NOT_FOUND);
    pull_events(c->a, SYSLOG_PREFIX);
    check_kept_events(sample_count, 2);
    expect_stats(c->a, 2 * n, 2 * (n + samples_on(SYSLOG_PREFIX)) + 1, 2 * unparsed_samples(),
                 1);
}

/* unsubscribe_all, close, shutdown: every user data freed exactly once. */
static void finish(struct context *c)
{
    jet_event_t *event = (jet_event_t *)&sentinel_byte;
    size_t i;
    CHECK_STATUS(jet_notification_unsubscribe_all(c->a), JET_STATUS_OK);
    CHECK_INT(user_freed(c->all), 1);
    CHECK_STATUS(jet_notification_unsubscribe(c->a, c->all->id), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_notification_unsubscribe(c->a, c->pull_id), JET_STATUS_NOT_FOUND);
    CHECK_STATUS(jet_notification_next(c->a, 50, &event), JET_STATUS_NO_EVENT);
    CHECK(event == (jet_event_t *)&sentinel_byte);
    CHECK_STATUS(jet_notification_unsubscribe_all(c->a), JET_STATUS_OK);
    CHECK_INT(user_freed(c->state), 0);
    jet_notification_close(c->a);
    CHECK_INT(user_freed(c->state), 1);
    CHECK_STATUS(jet_shutdown(), JET_STATUS_OK);
    for (i = 0; i < user_count; i++) {
        char what[128];
        snprintf(what, sizeof what, "user data '%.40s' freed exactly once (%d)", users[i]->name,
                 users[i]->freed);
        check_record(users[i]->freed == 1, what, __FILE__, __LINE__);
        free(users[i]);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: abi_session --port PORT --data DIR\n");
    exit(2);
}

int main(int argc, char **argv)
{
    struct context c;
    static struct user log_user = {"log", 0, 0, 0, NULL};
    const char *data = NULL;
    long port = 0;
    int i;
    int records;

    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) {
            port = strtol(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "--data") == 0) {
            data = argv[i + 1];
        } else {
            usage();
        }
    }
    if (i != argc || port <= 0 || port > 65535 || data == NULL) {
        usage();
    }
    load_samples(data);
    memset(&c, 0, sizeof c);
    c.port = (uint16_t)port;

    CHECK_STATUS(jet_log_set_callback(record_log, JET_LOG_DEBUG, &log_user, free_user),
                 JET_STATUS_OK);
    c.a = open_session(c.port);
    records = log_count();
    CHECK(records > 0);
    check_session_basics(c.a);
    check_session_arguments(c.a);
    c.state = install_state_callback(c.a);

    round_one(&c);
    restart_broker(&c);
    round_two(&c);
    CHECK(log_count() > records);
    finish(&c);

    /* No libjet thread runs any more: the log callback's data is freed once
     * it is replaced. */
    CHECK_INT(log_user.freed, 0);
    CHECK_STATUS(jet_log_set_callback(NULL, JET_LOG_ERROR, NULL, NULL), JET_STATUS_OK);
    CHECK_INT(log_user.freed, 1);
    CHECK_INT(log_bad, 0);
    for (i = 0; i < (int)sample_count; i++) {
        free(samples[i].payload);
    }
    return check_summary();
}
