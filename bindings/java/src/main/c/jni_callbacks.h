/*
 * The C side of a Java callback target: a global reference passed to libjet
 * as user_data, called through net.libjet.Callbacks, released exactly once.
 */
#ifndef LIBJET_JNI_CALLBACKS_H
#define LIBJET_JNI_CALLBACKS_H

#include "jni_support.h"

/* A global reference to `target` as user_data (NULL with an exception pending on failure). */
void *jni_target_new(JNIEnv *env, jobject target);

/* jet_event_callback_t: Callbacks.event(target, event). */
void jni_target_event(const jet_event_t *event, void *user_data);

/* jet_state_callback_t: Callbacks.state(target, state). */
void jni_target_state(jet_connection_state_t state, void *user_data);

/* jet_service_state_callback_t: Callbacks.stateReport(target, present, purged, reapplied, failed). */
void jni_target_state_report(const jet_service_state_report_t *report, void *user_data);

/* jet_free_callback_t: Callbacks.released(target), then the reference is deleted. */
void jni_target_free(void *user_data);

#endif
