/*
 * net.libjet.JniEvent: reading a jet_event_t (borrowed in a callback, or
 * owned after jet_notification_next / jet_event_clone).
 */
#include "jni_support.h"

#include "net_libjet_JniEvent.h"

/* The header fields, numbered as Event.java numbers them. */
JNIEXPORT jstring JNICALL Java_net_libjet_JniEvent_header(JNIEnv *env, jclass cls, jlong handle, jint which)
{
    const jet_event_t *event = JNI_PTR(const jet_event_t, handle);
    const char *text;
    (void)cls;
    switch (which) {
    case 0: text = jet_event_topic(event); break;
    case 1: text = jet_event_id(event); break;
    case 2: text = jet_event_hostname(event); break;
    case 3: text = jet_event_time(event); break;
    case 4: text = jet_event_severity(event); break;
    case 5: text = jet_event_facility(event); break;
    case 6: text = jet_event_process_name(event); break;
    case 7: text = jet_event_message(event); break;
    case 8: text = jet_event_parse_error(event); break;
    default: text = jet_event_attributes_json(event); break;
    }
    return jni_string(env, text);
}

JNIEXPORT jboolean JNICALL Java_net_libjet_JniEvent_isParsed(JNIEnv *env, jclass cls, jlong handle)
{
    (void)env;
    (void)cls;
    return jet_event_is_parsed(JNI_PTR(const jet_event_t, handle)) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jlong JNICALL Java_net_libjet_JniEvent_processId(JNIEnv *env, jclass cls, jlong handle)
{
    int64_t pid = 0;
    (void)cls;
    jni_failed(env, jet_event_process_id(JNI_PTR(const jet_event_t, handle), &pid));
    return pid;
}

JNIEXPORT jbyteArray JNICALL Java_net_libjet_JniEvent_raw(JNIEnv *env, jclass cls, jlong handle)
{
    const uint8_t *data = NULL;
    size_t length = 0;
    (void)cls;
    if (jni_failed(env, jet_event_raw(JNI_PTR(const jet_event_t, handle), &data, &length))) {
        return NULL;
    }
    jbyteArray bytes = (*env)->NewByteArray(env, (jsize)length);
    if (bytes != NULL) {
        (*env)->SetByteArrayRegion(env, bytes, 0, (jsize)length, (const jbyte *)data);
    }
    return bytes;
}

JNIEXPORT jint JNICALL Java_net_libjet_JniEvent_attrCount(JNIEnv *env, jclass cls, jlong handle)
{
    (void)env;
    (void)cls;
    return (jint)jet_event_attr_count(JNI_PTR(const jet_event_t, handle));
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniEvent_attrName(JNIEnv *env, jclass cls, jlong handle, jint index)
{
    const char *name = NULL;
    (void)cls;
    if (jni_failed(env, jet_event_attr_name(JNI_PTR(const jet_event_t, handle), (size_t)index, &name))) {
        return NULL;
    }
    return jni_string(env, name);
}

/* Attribute readers that give text, by number: 0 string, 1 JSON. */
JNIEXPORT jstring JNICALL Java_net_libjet_JniEvent_attrText(JNIEnv *env, jclass cls, jlong handle, jbyteArray name, jint which)
{
    jni_strings_t s = {0};
    const char *text = NULL;
    jstring result = NULL;
    (void)cls;
    const jet_event_t *event = JNI_PTR(const jet_event_t, handle);
    const char *c_name = jni_cstring(env, &s, name);
    if (!s.failed) {
        jet_status_t status = which == 0 ? jet_event_attr_string(event, c_name, &text)
                                         : jet_event_attr_json(event, c_name, &text);
        if (!jni_failed(env, status)) {
            result = jni_string(env, text);
        }
    }
    jni_strings_free(&s);
    return result;
}

JNIEXPORT jlong JNICALL Java_net_libjet_JniEvent_attrInt(JNIEnv *env, jclass cls, jlong handle, jbyteArray name)
{
    jni_strings_t s = {0};
    int64_t value = 0;
    (void)cls;
    const char *c_name = jni_cstring(env, &s, name);
    if (!s.failed) {
        jni_failed(env, jet_event_attr_int(JNI_PTR(const jet_event_t, handle), c_name, &value));
    }
    jni_strings_free(&s);
    return value;
}

JNIEXPORT jint JNICALL Java_net_libjet_JniEvent_attrArrayLength(JNIEnv *env, jclass cls, jlong handle, jbyteArray name)
{
    jni_strings_t s = {0};
    size_t length = 0;
    (void)cls;
    const char *c_name = jni_cstring(env, &s, name);
    if (!s.failed) {
        jni_failed(env, jet_event_attr_array_len(JNI_PTR(const jet_event_t, handle), c_name, &length));
    }
    jni_strings_free(&s);
    return (jint)length;
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniEvent_attrArrayString(JNIEnv *env, jclass cls, jlong handle, jbyteArray name, jint index)
{
    jni_strings_t s = {0};
    const char *text = NULL;
    jstring result = NULL;
    (void)cls;
    const char *c_name = jni_cstring(env, &s, name);
    if (!s.failed && !jni_failed(env, jet_event_attr_array_string(JNI_PTR(const jet_event_t, handle), c_name, (size_t)index, &text))) {
        result = jni_string(env, text);
    }
    jni_strings_free(&s);
    return result;
}

JNIEXPORT jlong JNICALL Java_net_libjet_JniEvent_copy(JNIEnv *env, jclass cls, jlong handle)
{
    jet_event_t *copy = NULL;
    (void)cls;
    if (jni_failed(env, jet_event_clone(JNI_PTR(const jet_event_t, handle), &copy))) {
        return 0;
    }
    return JNI_HANDLE(copy);
}

JNIEXPORT void JNICALL Java_net_libjet_JniEvent_free(JNIEnv *env, jclass cls, jlong handle)
{
    (void)env;
    (void)cls;
    jet_event_free(JNI_PTR(jet_event_t, handle));
}
