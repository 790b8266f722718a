/*
 * net.libjet.JniService: service sessions (jet_service_*), interface
 * addresses and management calls. Every blocking call takes the timeout in
 * ms (0: the session's default) and a cancellation token.
 */
#include "jni_callbacks.h"

#include "net_libjet_JniService.h"

#define SESSION JNI_PTR(jet_service_t, session)

/* The order of ServiceOptions.strings(). */
enum { S_DEVICE, S_USER, S_PASSWORD, S_CLIENT_ID, S_CA, S_CERT, S_KEY, S_SERVER_NAME, S_COUNT };
/* The order of ServiceOptions.numbers(); -1 keeps libjet's default. */
enum { N_PORT, N_API, N_CLEAR_TEXT, N_INSECURE, N_CONNECT_TIMEOUT, N_CALL_TIMEOUT, N_STATE, N_COUNT };

/* Fills `o` from the Java arrays; 0 on success, with an exception pending otherwise. */
static int read_options(JNIEnv *env, jni_strings_t *s, jobjectArray strings, jlongArray numbers, jet_service_options_t *o)
{
    const char *text[S_COUNT];
    jlong n[N_COUNT];
    jet_service_options_default(o);
    if (jni_options(env, s, strings, text, S_COUNT, numbers, n, N_COUNT) != 0) {
        return -1;
    }
    if (text[S_DEVICE]) o->device = text[S_DEVICE];
    o->user = text[S_USER];
    o->password = text[S_PASSWORD];
    o->client_id = text[S_CLIENT_ID];
    o->tls_ca_file = text[S_CA];
    o->tls_cert_file = text[S_CERT];
    o->tls_key_file = text[S_KEY];
    o->tls_server_name = text[S_SERVER_NAME];
    if (n[N_PORT] >= 0) o->port = (uint16_t)n[N_PORT];
    if (n[N_API] >= 0) o->api = (jet_api_t)n[N_API];
    if (n[N_CLEAR_TEXT] >= 0) o->clear_text = (uint8_t)n[N_CLEAR_TEXT];
    if (n[N_INSECURE] >= 0) o->tls_insecure_skip_verify = (uint8_t)n[N_INSECURE];
    if (n[N_CONNECT_TIMEOUT] >= 0) o->connect_timeout_ms = (uint32_t)n[N_CONNECT_TIMEOUT];
    if (n[N_CALL_TIMEOUT] >= 0) o->call_timeout_ms = (uint32_t)n[N_CALL_TIMEOUT];
    if (n[N_STATE] >= 0) o->state = (jet_service_state_mode_t)n[N_STATE];
    return 0;
}

JNIEXPORT jlong JNICALL Java_net_libjet_JniService_open(JNIEnv *env, jclass cls, jobjectArray strings, jlongArray numbers, jlong cancel)
{
    jni_strings_t s = {0};
    jet_service_options_t options;
    jet_service_t *session = NULL;
    (void)cls;
    if (read_options(env, &s, strings, numbers, &options) != 0) {
        jni_strings_free(&s);
        return 0;
    }
    JNI_CALL(env, &s, cancel, jet_service_open(&options, &session));
    return JNI_HANDLE(session);
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniService_clientId(JNIEnv *env, jclass cls, jlong session)
{
    (void)cls;
    return jni_string(env, jet_service_client_id(SESSION));
}

JNIEXPORT jint JNICALL Java_net_libjet_JniService_generation(JNIEnv *env, jclass cls, jlong session, jint service)
{
    jet_generation_t generation = JET_GENERATION_UNKNOWN;
    (void)cls;
    jni_failed(env, jet_service_generation(SESSION, service, &generation));
    return (jint)generation;
}

JNIEXPORT void JNICALL Java_net_libjet_JniService_close(JNIEnv *env, jclass cls, jlong session)
{
    (void)env;
    (void)cls;
    jet_service_close(SESSION);
}

JNIEXPORT void JNICALL Java_net_libjet_JniService_setStateCallback(JNIEnv *env, jclass cls, jlong session, jobject target)
{
    (void)cls;
    if (target == NULL) {
        jni_failed(env, jet_service_set_state_callback(SESSION, NULL, NULL, NULL));
        return;
    }
    void *user_data = jni_target_new(env, target);
    if (user_data != NULL) {
        jni_failed(env, jet_service_set_state_callback(SESSION, jni_target_state_report, user_data, jni_target_free));
    }
}

/* jet_interface_address_add (add true) or jet_interface_address_delete. */
JNIEXPORT void JNICALL Java_net_libjet_JniService_address(JNIEnv *env, jclass cls, jlong session, jboolean add, jbyteArray ifd, jint unit,
                                                          jint family, jbyteArray address, jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_ifd = jni_cstring(env, &s, ifd);
    const char *c_address = jni_cstring(env, &s, address);
    JNI_CALL(env, &s, cancel,
             add ? jet_interface_address_add(SESSION, c_ifd, (uint32_t)unit, family, c_address, (uint32_t)timeout)
                 : jet_interface_address_delete(SESSION, c_ifd, (uint32_t)unit, family, c_address, (uint32_t)timeout));
}

JNIEXPORT jstring JNICALL Java_net_libjet_JniService_run(JNIEnv *env, jclass cls, jlong session, jbyteArray command, jint kind, jint format,
                                                         jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    char *output = NULL;
    (void)cls;
    const char *c_command = jni_cstring(env, &s, command);
    JNI_CALL(env, &s, cancel, jet_management_run(SESSION, c_command, kind, format, (uint32_t)timeout, &output));
    jstring result = output ? jni_string(env, output) : NULL;
    jet_string_free(output);
    return result;
}

JNIEXPORT void JNICALL Java_net_libjet_JniService_load(JNIEnv *env, jclass cls, jlong session, jbyteArray config, jint format, jint load_type,
                                                       jbyteArray comment, jint timeout, jlong cancel)
{
    jni_strings_t s = {0};
    (void)cls;
    const char *c_config = jni_cstring(env, &s, config);
    const char *c_comment = jni_cstring(env, &s, comment);
    JNI_CALL(env, &s, cancel, jet_management_load(SESSION, c_config, format, load_type, c_comment, (uint32_t)timeout));
}
