/*
 * net.libjet.JniTopics: the jet_topic_* builders. Each returns the topic
 * text or throws libjet's error; libjet builds and checks every topic.
 */
#include "jni_support.h"

#include "net_libjet_JniTopics.h"

/* The topic a builder made (freed here), or NULL with its exception thrown. */
static jstring topic_result(JNIEnv *env, jni_strings_t *strings, jet_status_t status, char *topic)
{
    jstring result = NULL;
    if (!strings->failed && !jni_failed(env, status)) {
        result = jni_string(env, topic);
    }
    jet_string_free(topic);
    jni_strings_free(strings);
    return result;
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_ifd(JNIEnv *env, jclass cls, jint op, jbyteArray ifd)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    jet_status_t status = jet_topic_ifd(op, jni_cstring(env, &s, ifd), &topic);
    return topic_result(env, &s, status, topic);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_ifl(JNIEnv *env, jclass cls, jint op, jbyteArray ifd, jlong sub_unit)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    jet_status_t status = jet_topic_ifl(op, jni_cstring(env, &s, ifd), sub_unit, &topic);
    return topic_result(env, &s, status, topic);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_iff(JNIEnv *env, jclass cls, jint op, jbyteArray ifd, jlong sub_unit, jbyteArray family)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    const char *c_ifd = jni_cstring(env, &s, ifd);
    jet_status_t status = jet_topic_iff(op, c_ifd, sub_unit, jni_cstring(env, &s, family), &topic);
    return topic_result(env, &s, status, topic);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_ifa(JNIEnv *env, jclass cls, jint op, jbyteArray ifd, jlong sub_unit, jbyteArray family, jbyteArray address)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    const char *c_ifd = jni_cstring(env, &s, ifd);
    const char *c_family = jni_cstring(env, &s, family);
    jet_status_t status = jet_topic_ifa(op, c_ifd, sub_unit, c_family, jni_cstring(env, &s, address), &topic);
    return topic_result(env, &s, status, topic);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_firewallFilter(JNIEnv *env, jclass cls, jint op, jbyteArray filter)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    jet_status_t status = jet_topic_firewall_filter(op, jni_cstring(env, &s, filter), &topic);
    return topic_result(env, &s, status, topic);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_route(JNIEnv *env, jclass cls, jint op, jbyteArray family, jbyteArray address, jint prefix_length)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    const char *c_family = jni_cstring(env, &s, family);
    jet_status_t status = jet_topic_route(op, c_family, jni_cstring(env, &s, address), prefix_length, &topic);
    return topic_result(env, &s, status, topic);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_routeTable(JNIEnv *env, jclass cls, jint op, jbyteArray table, jbyteArray lr)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    const char *c_table = jni_cstring(env, &s, table);
    jet_status_t status = jet_topic_route_table(op, c_table, jni_cstring(env, &s, lr), &topic);
    return topic_result(env, &s, status, topic);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_syslog(JNIEnv *env, jclass cls, jbyteArray event_id)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    (void)cls;
    jet_status_t status = jet_topic_syslog(jni_cstring(env, &s, event_id), &topic);
    return topic_result(env, &s, status, topic);
}

/* The topics without arguments, by number: 0 all events, 1 all kernel events, 2 config update. */
JNIEXPORT jstring JNICALL Java_net_libjet_JniTopics_fixed(JNIEnv *env, jclass cls, jint which)
{
    jni_strings_t s = {0};
    char *topic = NULL;
    jet_status_t status;
    (void)cls;
    switch (which) {
    case 0:
        status = jet_topic_all_events(&topic);
        break;
    case 1:
        status = jet_topic_all_kernel_events(&topic);
        break;
    default:
        status = jet_topic_config_update(&topic);
        break;
    }
    return topic_result(env, &s, status, topic);
}

JNIEXPORT void JNICALL Java_net_libjet_JniTopics_validate(JNIEnv *env, jclass cls, jbyteArray filter)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_filter = jni_cstring(env, &s, filter);
    if (!s.failed) {
        jni_failed(env, jet_topic_validate(c_filter));
    }
    jni_strings_free(&s);
}

JNIEXPORT jboolean JNICALL Java_net_libjet_JniTopics_matches(JNIEnv *env, jclass cls, jbyteArray filter, jbyteArray topic)
{
    jni_strings_t s = {0};
    bool matches = false;
    (void)cls;
    const char *c_filter = jni_cstring(env, &s, filter);
    const char *c_topic = jni_cstring(env, &s, topic);
    if (!s.failed) {
        jni_failed(env, jet_topic_matches(c_filter, c_topic, &matches));
    }
    jni_strings_free(&s);
    return matches ? JNI_TRUE : JNI_FALSE;
}
