/*
 * net.libjet.JniNotification: notification sessions (jet_notification_*).
 * Options arrive as two arrays (NotificationOptions.java fills them): the
 * strings, and the numbers where -1 keeps libjet's default. The last number,
 * inline callbacks, is set on the session between create and connect.
 */
#include "jni_callbacks.h"

#include "net_libjet_JniNotification.h"

/* The order of NotificationOptions.strings(). */
enum { S_DEVICE, S_USER, S_PASSWORD, S_BIND, S_CLIENT_ID, S_CA, S_CERT, S_KEY, S_SERVER_NAME, S_COUNT };
/* The order of NotificationOptions.numbers(). */
enum {
    N_PORT, N_KEEPALIVE, N_TLS, N_INSECURE, N_CONNECT_TIMEOUT, N_CLEAN, N_QOS, N_QUEUE,
    N_MAX_PACKET, N_RECONNECT_MIN, N_RECONNECT_MAX, N_OVERFLOW, N_INLINE_CALLBACKS, N_COUNT
};

/* Fills `o` and `*inline_callbacks` (1 to set them, else 0) from the Java
 * arrays; 0 on success, with an exception pending otherwise. */
static int read_options(JNIEnv *env, jni_strings_t *s, jobjectArray strings, jlongArray numbers, jet_notification_options_t *o,
                        int *inline_callbacks)
{
    const char *text[S_COUNT];
    jlong n[N_COUNT];
    jet_notification_options_default(o);
    if (jni_options(env, s, strings, text, S_COUNT, numbers, n, N_COUNT) != 0) {
        return -1;
    }
    *inline_callbacks = n[N_INLINE_CALLBACKS] == 1;
    if (text[S_DEVICE]) o->device = text[S_DEVICE];
    o->user = text[S_USER];
    o->password = text[S_PASSWORD];
    o->bind_address = text[S_BIND];
    o->client_id = text[S_CLIENT_ID];
    o->tls_ca_file = text[S_CA];
    o->tls_cert_file = text[S_CERT];
    o->tls_key_file = text[S_KEY];
    o->tls_server_name = text[S_SERVER_NAME];
    if (n[N_PORT] >= 0) o->port = (uint16_t)n[N_PORT];
    if (n[N_KEEPALIVE] >= 0) o->keepalive_s = (uint32_t)n[N_KEEPALIVE];
    if (n[N_TLS] >= 0) o->tls = (uint8_t)n[N_TLS];
    if (n[N_INSECURE] >= 0) o->tls_insecure_skip_verify = (uint8_t)n[N_INSECURE];
    if (n[N_CONNECT_TIMEOUT] >= 0) o->connect_timeout_ms = (uint32_t)n[N_CONNECT_TIMEOUT];
    if (n[N_CLEAN] >= 0) o->clean_session = (uint8_t)n[N_CLEAN];
    if (n[N_QOS] >= 0) o->qos = (uint8_t)n[N_QOS];
    if (n[N_QUEUE] >= 0) o->queue_capacity = (uint32_t)n[N_QUEUE];
    if (n[N_MAX_PACKET] >= 0) o->max_packet_size = (uint32_t)n[N_MAX_PACKET];
    if (n[N_RECONNECT_MIN] >= 0) o->reconnect_min_ms = (uint32_t)n[N_RECONNECT_MIN];
    if (n[N_RECONNECT_MAX] >= 0) o->reconnect_max_ms = (uint32_t)n[N_RECONNECT_MAX];
    if (n[N_OVERFLOW] >= 0) o->overflow = (jet_overflow_t)n[N_OVERFLOW];
    return 0;
}

/* jet_notification_create, then jet_notification_set_inline_callbacks and
 * jet_notification_connect; the session is closed when either fails. */
static jet_status_t create_inline(const jet_notification_options_t *options, int connect, jet_notification_t **out)
{
    jet_notification_t *session = NULL;
    jet_status_t status = jet_notification_create(options, &session);
    if (status != JET_STATUS_OK) {
        return status;
    }
    status = jet_notification_set_inline_callbacks(session, 1);
    if (status == JET_STATUS_OK && connect) {
        status = jet_notification_connect(session);
    }
    if (status != JET_STATUS_OK) {
        /* The last error stays the failed call's: close sets none. */
        jet_notification_close(session);
        return status;
    }
    *out = session;
    return status;
}

/* jet_notification_open (connect true) or jet_notification_create; with
 * inline callbacks, create, set them, then connect. */
JNIEXPORT jlong JNICALL Java_net_libjet_JniNotification_open(JNIEnv *env, jclass cls, jobjectArray strings, jlongArray numbers, jboolean connect, jlong cancel)
{
    jni_strings_t s = {0};
    jet_notification_options_t options;
    jet_notification_t *session = NULL;
    int inline_callbacks = 0;
    (void)cls;
    if (read_options(env, &s, strings, numbers, &options, &inline_callbacks) == 0) {
        jni_cancel_begin(cancel);
        jet_status_t status = inline_callbacks ? create_inline(&options, connect, &session)
                              : connect        ? jet_notification_open(&options, &session)
                                               : jet_notification_create(&options, &session);
        jni_cancel_end(cancel);
        jni_failed(env, status);
    }
    jni_strings_free(&s);
    return JNI_HANDLE(session);
}

JNIEXPORT void JNICALL Java_net_libjet_JniNotification_connect(JNIEnv *env, jclass cls, jlong session, jlong cancel)
{
    (void)cls;
    jni_cancel_begin(cancel);
    jet_status_t status = jet_notification_connect(JNI_PTR(jet_notification_t, session));
    jni_cancel_end(cancel);
    jni_failed(env, status);
}

JNIEXPORT jlong JNICALL Java_net_libjet_JniNotification_subscribe(JNIEnv *env, jclass cls, jlong session, jbyteArray topic, jobject target)
{
    jni_strings_t s = {0};
    uint64_t id = 0;
    (void)cls;
    const char *c_topic = jni_cstring(env, &s, topic);
    void *user_data = s.failed ? NULL : jni_target_new(env, target);
    if (user_data != NULL) {
        /* On failure libjet has already released user_data. */
        jni_failed(env, jet_notification_subscribe(JNI_PTR(jet_notification_t, session), c_topic, jni_target_event,
                                                   user_data, jni_target_free, &id));
    }
    jni_strings_free(&s);
    return (jlong)id;
}

JNIEXPORT jlong JNICALL Java_net_libjet_JniNotification_subscribePull(JNIEnv *env, jclass cls, jlong session, jbyteArray topic)
{
    jni_strings_t s = {0};
    uint64_t id = 0;
    (void)cls;
    const char *c_topic = jni_cstring(env, &s, topic);
    if (!s.failed) {
        jni_failed(env, jet_notification_subscribe_pull(JNI_PTR(jet_notification_t, session), c_topic, &id));
    }
    jni_strings_free(&s);
    return (jlong)id;
}

JNIEXPORT void JNICALL Java_net_libjet_JniNotification_unsubscribe(JNIEnv *env, jclass cls, jlong session, jlong id)
{
    (void)cls;
    jni_failed(env, jet_notification_unsubscribe(JNI_PTR(jet_notification_t, session), (uint64_t)id));
}

JNIEXPORT void JNICALL Java_net_libjet_JniNotification_unsubscribeAll(JNIEnv *env, jclass cls, jlong session)
{
    (void)cls;
    jni_failed(env, jet_notification_unsubscribe_all(JNI_PTR(jet_notification_t, session)));
}

/* The next pulled event (owned), or 0 when none came within timeout_ms. */
JNIEXPORT jlong JNICALL Java_net_libjet_JniNotification_next(JNIEnv *env, jclass cls, jlong session, jint timeout_ms, jlong cancel)
{
    jet_event_t *event = NULL;
    (void)cls;
    jni_cancel_begin(cancel);
    jet_status_t status = jet_notification_next(JNI_PTR(jet_notification_t, session), (uint32_t)timeout_ms, &event);
    jni_cancel_end(cancel);
    if (status == JET_STATUS_NO_EVENT || jni_failed(env, status)) {
        return 0;
    }
    return JNI_HANDLE(event);
}

JNIEXPORT jint JNICALL Java_net_libjet_JniNotification_state(JNIEnv *env, jclass cls, jlong session)
{
    jet_connection_state_t state = JET_CONNECTION_CLOSED;
    (void)cls;
    jni_failed(env, jet_notification_state(JNI_PTR(const jet_notification_t, session), &state));
    return (jint)state;
}

JNIEXPORT void JNICALL Java_net_libjet_JniNotification_setStateCallback(JNIEnv *env, jclass cls, jlong session, jobject target)
{
    jet_notification_t *s = JNI_PTR(jet_notification_t, session);
    (void)cls;
    if (target == NULL) {
        jni_failed(env, jet_notification_set_state_callback(s, NULL, NULL, NULL));
        return;
    }
    void *user_data = jni_target_new(env, target);
    if (user_data != NULL) {
        jni_failed(env, jet_notification_set_state_callback(s, jni_target_state, user_data, jni_target_free));
    }
}

/* Writes received, delivered, dropped, parse_errors, reconnects to `out`. */
JNIEXPORT void JNICALL Java_net_libjet_JniNotification_stats(JNIEnv *env, jclass cls, jlong session, jlongArray out)
{
    jet_notification_stats_t stats;
    (void)cls;
    if (jni_failed(env, jet_notification_stats(JNI_PTR(const jet_notification_t, session), &stats))) {
        return;
    }
    jlong values[5] = {(jlong)stats.received, (jlong)stats.delivered, (jlong)stats.dropped,
                       (jlong)stats.parse_errors, (jlong)stats.reconnects};
    (*env)->SetLongArrayRegion(env, out, 0, 5, values);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniNotification_clientId(JNIEnv *env, jclass cls, jlong session)
{
    (void)cls;
    return jni_string(env, jet_notification_client_id(JNI_PTR(const jet_notification_t, session)));
}

JNIEXPORT void JNICALL Java_net_libjet_JniNotification_close(JNIEnv *env, jclass cls, jlong session)
{
    (void)env;
    (void)cls;
    jet_notification_close(JNI_PTR(jet_notification_t, session));
}
