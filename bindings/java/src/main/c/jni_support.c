/*
 * JNI_OnLoad (the cache of jni_support.h), thread attachment for libjet's
 * threads, strings and exceptions.
 */
#define _GNU_SOURCE /* pthread_getname_np */
#include "jni_support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

jni_cache_t jni;

/* Set on the threads this glue attached; its destructor detaches them. */
static pthread_key_t attached_key;

static void detach_thread(void *value)
{
    JavaVM *vm = (JavaVM *)value;
    (*vm)->DetachCurrentThread(vm);
}

/* A global reference to class `name`, or NULL with an exception pending. */
static jclass global_class(JNIEnv *env, const char *name)
{
    jclass local = (*env)->FindClass(env, name);
    if (local == NULL) {
        return NULL;
    }
    jclass global = (jclass)(*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    return global;
}

/* Fills the cache; 0 on success, with an exception pending otherwise. */
static int fill_cache(JNIEnv *env)
{
    jni.callbacks = global_class(env, "net/libjet/Callbacks");
    if (jni.callbacks == NULL) {
        return -1;
    }
    jni.on_event = (*env)->GetStaticMethodID(env, jni.callbacks, "event", "(Ljava/lang/Object;J)V");
    jni.on_state = jni.on_event ? (*env)->GetStaticMethodID(env, jni.callbacks, "state", "(Ljava/lang/Object;I)V") : NULL;
    jni.on_released = jni.on_state ? (*env)->GetStaticMethodID(env, jni.callbacks, "released", "(Ljava/lang/Object;)V") : NULL;
    jni.on_log = jni.on_released ? (*env)->GetStaticMethodID(env, jni.callbacks, "log", "(ILjava/lang/String;Ljava/lang/String;)V") : NULL;
    jni.on_state_report = jni.on_log ? (*env)->GetStaticMethodID(env, jni.callbacks, "stateReport",
        "(Ljava/lang/Object;[Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/String;)V") : NULL;
    if (jni.on_state_report == NULL) {
        return -1;
    }
    jni.string = global_class(env, "java/lang/String");
    if (jni.string == NULL) {
        return -1;
    }
    jni.utf8 = global_class(env, "net/libjet/Utf8");
    jni.utf8_decode = jni.utf8 ? (*env)->GetStaticMethodID(env, jni.utf8, "decode", "([B)Ljava/lang/String;") : NULL;
    if (jni.utf8_decode == NULL) {
        return -1;
    }
    jni.exception = global_class(env, "net/libjet/JetException");
    jni.exception_new = jni.exception ? (*env)->GetStaticMethodID(env, jni.exception, "fromNative", "(ILjava/lang/String;II)Lnet/libjet/JetException;") : NULL;
    return jni.exception_new == NULL ? -1 : 0;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    JNIEnv *env = NULL;
    (void)reserved;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_GLUE_VERSION) != JNI_OK) {
        return JNI_ERR;
    }
    jni.vm = vm;
    if (pthread_key_create(&attached_key, detach_thread) != 0 || fill_cache(env) != 0) {
        return JNI_ERR;
    }
    return JNI_GLUE_VERSION;
}

/* The calling thread's name, for its Java thread: "jet-io" for libjet's
 * network thread (inline callbacks, log records), "jet-dispatch-N" for a
 * dispatcher; "libjet" when it has none. Bytes beyond ASCII become '?', so
 * that a name the kernel cut mid-character is still valid modified UTF-8. */
static void thread_name(char *name, size_t size)
{
    if (pthread_getname_np(pthread_self(), name, size) != 0 || name[0] == '\0') {
        snprintf(name, size, "libjet");
    }
    for (char *p = name; *p; p++) {
        if ((unsigned char)*p >= 0x80) {
            *p = '?';
        }
    }
}

JNIEnv *jni_callback_env(void)
{
    JNIEnv *env = NULL;
    jint got = (*jni.vm)->GetEnv(jni.vm, (void **)&env, JNI_GLUE_VERSION);
    if (got == JNI_OK) {
        return env;
    }
    if (got != JNI_EDETACHED) {
        return NULL;
    }
    char name[16];
    thread_name(name, sizeof name);
    JavaVMAttachArgs args = {JNI_GLUE_VERSION, name, NULL};
    if ((*jni.vm)->AttachCurrentThreadAsDaemon(jni.vm, (void **)&env, &args) != JNI_OK) {
        return NULL;
    }
    /* The key's destructor detaches the thread when it exits. */
    pthread_setspecific(attached_key, jni.vm);
    return env;
}

/* Whether `text` has a 4-byte UTF-8 sequence, which modified UTF-8 spells differently. */
static int has_supplementary(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p >= 0xF0) {
            return 1;
        }
    }
    return 0;
}

jstring jni_string(JNIEnv *env, const char *text)
{
    if (text == NULL) {
        return NULL;
    }
    if (!has_supplementary(text)) {
        return (*env)->NewStringUTF(env, text);
    }
    jsize length = (jsize)strlen(text);
    jbyteArray bytes = (*env)->NewByteArray(env, length);
    if (bytes == NULL) {
        return NULL;
    }
    (*env)->SetByteArrayRegion(env, bytes, 0, length, (const jbyte *)text);
    jstring result = (jstring)(*env)->CallStaticObjectMethod(env, jni.utf8, jni.utf8_decode, bytes);
    (*env)->DeleteLocalRef(env, bytes);
    return (*env)->ExceptionCheck(env) ? NULL : result;
}

const char *jni_cstring(JNIEnv *env, jni_strings_t *strings, jbyteArray bytes)
{
    if (bytes == NULL || strings->failed) {
        return NULL;
    }
    jsize length = (*env)->GetArrayLength(env, bytes);
    char *text = malloc((size_t)length + 1);
    if (text == NULL || strings->count == 12) {
        free(text);
        strings->failed = 1;
        (*env)->ThrowNew(env, (*env)->FindClass(env, "java/lang/OutOfMemoryError"), "libjet: converting a string");
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, bytes, 0, length, (jbyte *)text);
    text[length] = '\0'; /* Utf8.cstring already ends it with NUL; this keeps C safe regardless */
    strings->text[strings->count++] = text;
    return text;
}

int jni_options(JNIEnv *env, jni_strings_t *strings, jobjectArray array, const char **out, int count,
                jlongArray numbers, jlong *numbers_out, int number_count)
{
    for (int i = 0; i < count; i++) {
        jbyteArray item = (jbyteArray)(*env)->GetObjectArrayElement(env, array, i);
        out[i] = jni_cstring(env, strings, item);
        (*env)->DeleteLocalRef(env, item);
    }
    (*env)->GetLongArrayRegion(env, numbers, 0, number_count, numbers_out);
    return strings->failed || (*env)->ExceptionCheck(env) ? -1 : 0;
}

void jni_strings_free(jni_strings_t *strings)
{
    for (int i = 0; i < strings->count; i++) {
        free(strings->text[i]);
    }
    strings->count = 0;
}

void jni_throw_status(JNIEnv *env, jet_status_t status)
{
    /* Read the thread's last error before any other libjet call can change it. */
    const char *text = jet_last_error_message();
    jint grpc = jet_last_error_grpc_code();
    jint device = jet_last_error_device_code();
    jstring message = jni_string(env, text);
    if (message == NULL && (*env)->ExceptionCheck(env)) {
        return;
    }
    jobject error = (*env)->CallStaticObjectMethod(env, jni.exception, jni.exception_new, (jint)status, message, grpc, device);
    if (!(*env)->ExceptionCheck(env)) {
        (*env)->Throw(env, (jthrowable)error);
    }
}

int jni_failed(JNIEnv *env, jet_status_t status)
{
    if (status == JET_STATUS_OK) {
        return 0;
    }
    jni_throw_status(env, status);
    return 1;
}

void jni_cancel_begin(jlong cancel)
{
    if (cancel != 0) {
        jet_cancel_attach(JNI_PTR(const jet_cancel_t, cancel));
    }
}

void jni_cancel_end(jlong cancel)
{
    if (cancel != 0) {
        jet_cancel_detach();
    }
}
