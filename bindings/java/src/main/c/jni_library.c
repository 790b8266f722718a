/*
 * net.libjet.JniLibrary: version, ABI version, shutdown, status names and
 * libjet's log records sent to Java (Callbacks.log, then System.Logger).
 */
#include "jni_support.h"

#include "net_libjet_JniLibrary.h"

JNIEXPORT jstring JNICALL Java_net_libjet_JniLibrary_version(JNIEnv *env, jclass cls)
{
    (void)cls;
    return jni_string(env, jet_version());
}

JNIEXPORT jint JNICALL Java_net_libjet_JniLibrary_abiVersion(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jint)jet_abi_version();
}

JNIEXPORT void JNICALL Java_net_libjet_JniLibrary_shutdown(JNIEnv *env, jclass cls)
{
    (void)cls;
    jni_failed(env, jet_shutdown());
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniLibrary_statusName(JNIEnv *env, jclass cls, jint status)
{
    (void)cls;
    return jni_string(env, jet_status_str(status));
}

/* Runs on any libjet thread: hands the record to Callbacks.log. */
static void on_log(jet_log_level_t level, const char *target, const char *message, void *user_data)
{
    (void)user_data;
    JNIEnv *env = jni_callback_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 4) != 0) {
        return;
    }
    jstring jtarget = jni_string(env, target);
    jstring jmessage = jtarget ? jni_string(env, message) : NULL;
    if (jmessage != NULL) {
        (*env)->CallStaticVoidMethod(env, jni.callbacks, jni.on_log, (jint)level, jtarget, jmessage);
    }
    /* Callbacks.log catches what it can; never leave anything pending here. */
    (*env)->ExceptionClear(env);
    (*env)->PopLocalFrame(env, NULL);
}

JNIEXPORT void JNICALL Java_net_libjet_JniLibrary_setLogCallback(JNIEnv *env, jclass cls, jint max_level)
{
    (void)cls;
    jni_failed(env, jet_log_set_callback(on_log, max_level, NULL, NULL));
}

JNIEXPORT void JNICALL Java_net_libjet_JniLibrary_setLogLevel(JNIEnv *env, jclass cls, jint max_level)
{
    (void)cls;
    jni_failed(env, jet_log_set_level(max_level));
}
