/*
 * Callbacks from libjet's threads into Java: a dispatcher, or the network
 * thread for a session with inline callbacks. Each runs inside a local
 * frame on a thread attached as a daemon the first time it calls
 * (jni_callback_env), whichever libjet thread it is; the Java
 * side (Callbacks.java) catches and logs what a listener throws, and nothing
 * is left pending when control returns to libjet.
 */
#include "jni_callbacks.h"

void *jni_target_new(JNIEnv *env, jobject target)
{
    return (void *)(*env)->NewGlobalRef(env, target);
}

/* Calls static Callbacks method `method` with the target and one argument. */
static void call_target(jmethodID method, void *user_data, jvalue argument)
{
    JNIEnv *env = jni_callback_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 8) != 0) {
        return;
    }
    jvalue args[2];
    args[0].l = (jobject)user_data;
    args[1] = argument;
    (*env)->CallStaticVoidMethodA(env, jni.callbacks, method, args);
    (*env)->ExceptionClear(env);
    (*env)->PopLocalFrame(env, NULL);
}

void jni_target_event(const jet_event_t *event, void *user_data)
{
    jvalue argument;
    argument.j = JNI_HANDLE(event);
    call_target(jni.on_event, user_data, argument);
}

void jni_target_state(jet_connection_state_t state, void *user_data)
{
    jvalue argument;
    argument.i = (jint)state;
    call_target(jni.on_state, user_data, argument);
}

/* A String[] of the `count` C strings of `list`; NULL with an exception pending on failure. */
static jobjectArray string_array(JNIEnv *env, const char *const *list, size_t count)
{
    jobjectArray array = (*env)->NewObjectArray(env, (jsize)count, jni.string, NULL);
    for (size_t i = 0; array != NULL && i < count; i++) {
        jstring text = jni_string(env, list[i]);
        if (text == NULL) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, array, (jsize)i, text);
        (*env)->DeleteLocalRef(env, text);
    }
    return array;
}

void jni_target_state_report(const jet_service_state_report_t *report, void *user_data)
{
    JNIEnv *env = jni_callback_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 8) != 0) {
        return;
    }
    jvalue args[5];
    args[0].l = (jobject)user_data;
    args[1].l = string_array(env, report->present, report->present_count);
    args[2].l = args[1].l ? string_array(env, report->purged, report->purged_count) : NULL;
    args[3].l = args[2].l ? string_array(env, report->reapplied, report->reapplied_count) : NULL;
    args[4].l = args[3].l ? string_array(env, report->failed, report->failed_count) : NULL;
    if (args[4].l != NULL) {
        (*env)->CallStaticVoidMethodA(env, jni.callbacks, jni.on_state_report, args);
    }
    (*env)->ExceptionClear(env);
    (*env)->PopLocalFrame(env, NULL);
}

void jni_target_free(void *user_data)
{
    JNIEnv *env = jni_callback_env();
    if (env == NULL) {
        return;
    }
    if ((*env)->PushLocalFrame(env, 4) == 0) {
        (*env)->CallStaticVoidMethod(env, jni.callbacks, jni.on_released, (jobject)user_data);
        (*env)->ExceptionClear(env);
        (*env)->PopLocalFrame(env, NULL);
    }
    (*env)->DeleteGlobalRef(env, (jobject)user_data);
}
