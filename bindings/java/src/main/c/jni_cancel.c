/*
 * net.libjet.JniCancel: the jet_cancel_t tokens behind interruptible calls.
 * A token is made per blocking call, triggered by Thread.interrupt() (see
 * InterruptGuard.java) and freed after the call.
 */
#include "jni_support.h"

#include "net_libjet_JniCancel.h"

JNIEXPORT jlong JNICALL Java_net_libjet_JniCancel_create(JNIEnv *env, jclass cls)
{
    jet_cancel_t *cancel = NULL;
    (void)cls;
    if (jni_failed(env, jet_cancel_new(&cancel))) {
        return 0;
    }
    return JNI_HANDLE(cancel);
}

JNIEXPORT void JNICALL Java_net_libjet_JniCancel_trigger(JNIEnv *env, jclass cls, jlong cancel)
{
    (void)cls;
    jni_failed(env, jet_cancel_trigger(JNI_PTR(const jet_cancel_t, cancel)));
}

JNIEXPORT void JNICALL Java_net_libjet_JniCancel_free(JNIEnv *env, jclass cls, jlong cancel)
{
    (void)env;
    (void)cls;
    jet_cancel_free(JNI_PTR(jet_cancel_t, cancel));
}
