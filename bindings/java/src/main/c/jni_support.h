/*
 * What every file of libjet's JNI glue shares: the cached JavaVM, classes
 * and method ids (filled once by JNI_OnLoad), thread attachment for libjet's
 * own threads, string conversion and turning a failed status into a Java
 * exception.
 *
 * Strings cross as UTF-8: Java passes NUL-terminated byte arrays (see
 * Utf8.java), and strings coming back are made with NewStringUTF when that
 * is exact (no 4-byte sequences) or decoded by Java otherwise.
 */
#ifndef LIBJET_JNI_SUPPORT_H
#define LIBJET_JNI_SUPPORT_H

#include <jni.h>
#include <stdint.h>

#include "jet.h"

/* The JNI version the glue asks for. */
#define JNI_GLUE_VERSION JNI_VERSION_10

/* Method ids of net.libjet.Callbacks and friends, cached in JNI_OnLoad. */
typedef struct {
    JavaVM *vm;
    jclass callbacks;        /* net.libjet.Callbacks */
    jmethodID on_event;      /* static void event(Object, long) */
    jmethodID on_state;      /* static void state(Object, int) */
    jmethodID on_released;   /* static void released(Object) */
    jmethodID on_log;        /* static void log(int, String, String) */
    jmethodID on_state_report; /* static void stateReport(Object, String[], String[], String[], String[]) */
    jclass string;           /* java.lang.String */
    jclass utf8;             /* net.libjet.Utf8 */
    jmethodID utf8_decode;   /* static String decode(byte[]) */
    jclass exception;        /* net.libjet.JetException */
    jmethodID exception_new; /* static JetException fromNative(int, String, int, int) */
} jni_cache_t;

/* Filled by JNI_OnLoad; read-only afterwards. */
extern jni_cache_t jni;

/* The JNIEnv of the calling native thread, attached as a daemon on its first
 * call (and detached when the thread exits). NULL if attaching failed. */
JNIEnv *jni_callback_env(void);

/* A Java string for the UTF-8 text `text`; NULL for NULL. */
jstring jni_string(JNIEnv *env, const char *text);

/* Up to 12 C strings converted from Java byte arrays for one call. */
typedef struct {
    char *text[12];
    int count;
    int failed; /* out of memory: an exception is pending */
} jni_strings_t;

/* A malloc'd copy of the NUL-terminated UTF-8 bytes `bytes` (NULL for NULL),
 * remembered in `strings` to be freed by jni_strings_free. */
const char *jni_cstring(JNIEnv *env, jni_strings_t *strings, jbyteArray bytes);

/* Converts the `count` byte arrays of `array` into `out` (null stays NULL)
 * and reads the `number_count` numbers of `numbers` into `numbers_out`:
 * an options object as NativeOptions.java hands it over. 0 on success,
 * -1 with an exception pending. */
int jni_options(JNIEnv *env, jni_strings_t *strings, jobjectArray array, const char **out, int count,
                jlongArray numbers, jlong *numbers_out, int number_count);

/* Frees what jni_cstring made. */
void jni_strings_free(jni_strings_t *strings);

/* Throws the JetException for `status`, with the calling thread's last error. */
void jni_throw_status(JNIEnv *env, jet_status_t status);

/* Throws for a failed status and returns 1; returns 0 for JET_STATUS_OK. */
int jni_failed(JNIEnv *env, jet_status_t status);

/* Attaches cancellation token `cancel` (0: none) to the calling thread. */
void jni_cancel_begin(jlong cancel);

/* Detaches the calling thread's token, if `cancel` was one. */
void jni_cancel_end(jlong cancel);

/* Runs the libjet call `expression` with token `cancel` attached (unless a
 * string conversion already failed), throws if it failed, and frees `strings`. */
#define JNI_CALL(env, strings, cancel, expression)          \
    do {                                                     \
        if (!(strings)->failed) {                            \
            jni_cancel_begin(cancel);                        \
            jet_status_t jni_status_ = (expression);         \
            jni_cancel_end(cancel);                          \
            jni_failed(env, jni_status_);                    \
        }                                                    \
        jni_strings_free(strings);                           \
    } while (0)

/* A Java handle (jlong) as the pointer it holds, and back. */
#define JNI_PTR(type, handle) ((type *)(intptr_t)(handle))
#define JNI_HANDLE(pointer) ((jlong)(intptr_t)(pointer))

#endif
