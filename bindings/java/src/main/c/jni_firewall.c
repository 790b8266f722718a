/*
 * net.libjet.JniFirewall: firewall filters, policers, counters and the purge
 * timer (jet_firewall_*). Filters, term changes and policers cross as the
 * JSON documents of the C ABI; libjet checks them.
 */
#include "jni_support.h"

#include "net_libjet_JniFirewall.h"

#define SESSION JNI_PTR(jet_service_t, session)

/* The calls that take one JSON document, numbered as Firewall.java numbers them:
 * 0 filter add, 1 filter replace, 2 policer add, 3 policer modify. */
JNIEXPORT void JNICALL Java_net_libjet_JniFirewall_document(JNIEnv *env, jclass cls, jlong session, jint which, jbyteArray json,
                                                            jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_json = jni_cstring(env, &s, json);
    uint32_t t = (uint32_t)timeout;
    JNI_CALL(env, &s, cancel,
             which == 0   ? jet_firewall_filter_add(SESSION, c_json, t)
             : which == 1 ? jet_firewall_filter_replace(SESSION, c_json, t)
             : which == 2 ? jet_firewall_policer_add(SESSION, c_json, t)
                          : jet_firewall_policer_modify(SESSION, c_json, t));
}

JNIEXPORT void JNICALL Java_net_libjet_JniFirewall_filterModify(JNIEnv *env, jclass cls, jlong session, jbyteArray name, jint family,
                                                                jbyteArray changes, jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_name = jni_cstring(env, &s, name);
    const char *c_changes = jni_cstring(env, &s, changes);
    JNI_CALL(env, &s, cancel, jet_firewall_filter_modify(SESSION, c_name, family, c_changes, (uint32_t)timeout));
}

JNIEXPORT void JNICALL Java_net_libjet_JniFirewall_filterDelete(JNIEnv *env, jclass cls, jlong session, jbyteArray name, jint family,
                                                                jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_name = jni_cstring(env, &s, name);
    JNI_CALL(env, &s, cancel, jet_firewall_filter_delete(SESSION, c_name, family, (uint32_t)timeout));
}

/* jet_firewall_filter_bind (bind true) or jet_firewall_filter_unbind. */
JNIEXPORT void JNICALL Java_net_libjet_JniFirewall_binding(JNIEnv *env, jclass cls, jlong session, jboolean bind, jbyteArray name, jint family,
                                                           jbyteArray interface_name, jint direction, jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_name = jni_cstring(env, &s, name);
    const char *c_interface = jni_cstring(env, &s, interface_name);
    uint32_t t = (uint32_t)timeout;
    JNI_CALL(env, &s, cancel,
             bind ? jet_firewall_filter_bind(SESSION, c_name, family, c_interface, direction, t)
                  : jet_firewall_filter_unbind(SESSION, c_name, family, c_interface, direction, t));
}

JNIEXPORT void JNICALL Java_net_libjet_JniFirewall_policerDelete(JNIEnv *env, jclass cls, jlong session, jbyteArray name, jint scope,
                                                                 jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_name = jni_cstring(env, &s, name);
    JNI_CALL(env, &s, cancel, jet_firewall_policer_delete(SESSION, c_name, scope, (uint32_t)timeout));
}

/* A filter counter (policer false) or a policer counter: writes bytes, packets to `out`. */
JNIEXPORT void JNICALL Java_net_libjet_JniFirewall_counterGet(JNIEnv *env, jclass cls, jlong session, jboolean policer, jbyteArray filter,
                                                              jbyteArray counter, jint timeout, jlong cancel, jlongArray out)
{
    jni_strings_t s = {0};
    jet_counter_t value = {0, 0};
    (void)cls;
    const char *c_filter = jni_cstring(env, &s, filter);
    const char *c_counter = jni_cstring(env, &s, counter);
    uint32_t t = (uint32_t)timeout;
    JNI_CALL(env, &s, cancel,
             policer ? jet_firewall_policer_counter_get(SESSION, c_filter, c_counter, t, &value)
                     : jet_firewall_counter_get(SESSION, c_filter, c_counter, t, &value));
    if (!(*env)->ExceptionCheck(env)) {
        jlong values[2] = {(jlong)value.bytes, (jlong)value.packets};
        (*env)->SetLongArrayRegion(env, out, 0, 2, values);
    }
}

JNIEXPORT void JNICALL Java_net_libjet_JniFirewall_counterClear(JNIEnv *env, jclass cls, jlong session, jbyteArray filter, jbyteArray counter,
                                                                jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_filter = jni_cstring(env, &s, filter);
    const char *c_counter = jni_cstring(env, &s, counter);
    JNI_CALL(env, &s, cancel, jet_firewall_counter_clear(SESSION, c_filter, c_counter, (uint32_t)timeout));
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniFirewall_countersGet(JNIEnv *env, jclass cls, jlong session, jbyteArray filter, jint timeout,
                                                                  jlong cancel)
{
    jni_strings_t s = {0};
    char *json = NULL;
    (void)cls;
    const char *c_filter = jni_cstring(env, &s, filter);
    JNI_CALL(env, &s, cancel, jet_firewall_counters_get(SESSION, c_filter, (uint32_t)timeout, &json));
    jstring result = json ? jni_string(env, json) : NULL;
    jet_string_free(json);
    return result;
}

/* The purge timer: action 0 set to `seconds`, 1 get (returned), 2 delete. */
JNIEXPORT jint JNICALL Java_net_libjet_JniFirewall_purgeTimer(JNIEnv *env, jclass cls, jlong session, jint action, jint seconds,
                                                              jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    uint32_t value = 0;
    uint32_t t = (uint32_t)timeout;
    (void)cls;
    JNI_CALL(env, &s, cancel,
             action == 0   ? jet_firewall_purge_timer_set(SESSION, (uint32_t)seconds, t)
             : action == 1 ? jet_firewall_purge_timer_get(SESSION, t, &value)
                           : jet_firewall_purge_timer_delete(SESSION, t));
    return (jint)value;
}
