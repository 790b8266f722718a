/*
 * A tiny test harness for libjet's C ABI tests: CHECK macros that count
 * passes and failures (thread-safe, so callbacks may use them too) and print
 * the closing "N passed, N failed" line.
 *
 * Every function is static inline, so each test program gets its own copy
 * and no warning is raised for the ones it does not use.
 */
#ifndef JET_TEST_CHECK_H
#define JET_TEST_CHECK_H

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jet.h"

struct check_counters {
    pthread_mutex_t lock;
    long passed;
    long failed;
};

/* One set of counters per program (a static inside an inline function would
 * be one per translation unit too: each test is a single file). */
static inline struct check_counters *check_counters(void)
{
    static struct check_counters counters = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
    return &counters;
}

/* Records one check; prints a line for a failure. Returns `ok`. */
static inline int check_record(int ok, const char *what, const char *file, int line)
{
    struct check_counters *c = check_counters();
    pthread_mutex_lock(&c->lock);
    if (ok) {
        c->passed++;
    } else {
        c->failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
        fflush(stderr);
    }
    pthread_mutex_unlock(&c->lock);
    return ok;
}

/* The function name at the start of a stringified call: "jet_x(a, b)" -> "jet_x". */
static inline size_t check_function_name_len(const char *call)
{
    size_t n = 0;
    while (call[n] != '\0' && call[n] != '(' && call[n] != ' ') {
        n++;
    }
    return n;
}

/* True when the calling thread's last error names `call`'s function:
 * libjet writes "<function>: <why>". */
static inline int check_error_names(const char *call)
{
    const char *message = jet_last_error_message();
    size_t n = check_function_name_len(call);
    return message != NULL && strncmp(message, call, n) == 0 && message[n] == ':' &&
           message[n + 1] == ' ' && message[n + 2] != '\0';
}

/* Checks that `status` (the result of `call`) is `expected`; for an error,
 * also that jet_last_error_message() now explains it (names the function and
 * says something). */
static inline int check_status(jet_status_t status, jet_status_t expected, const char *call,
                               const char *file, int line)
{
    int ok = status == expected;
    if (ok && expected < 0) {
        ok = check_error_names(call);
    }
    if (!ok) {
        char what[512];
        snprintf(what, sizeof what, "%.200s gave %s (expected %s); last error: \"%.200s\"", call,
                 jet_status_str(status), jet_status_str(expected), jet_last_error_message());
        return check_record(0, what, file, line);
    }
    return check_record(1, call, file, line);
}

/* Checks that two strings are equal (NULL equals only NULL). */
static inline int check_str(const char *got, const char *want, const char *expr, const char *file,
                            int line)
{
    int ok = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
    if (!ok) {
        char what[1024];
        snprintf(what, sizeof what, "%.200s is \"%.300s\", expected \"%.300s\"", expr,
                 got ? got : "(NULL)", want ? want : "(NULL)");
        return check_record(0, what, file, line);
    }
    return check_record(1, expr, file, line);
}

/* Checks that two integers are equal. */
static inline int check_int(long long got, long long want, const char *expr, const char *file,
                            int line)
{
    if (got != want) {
        char what[512];
        snprintf(what, sizeof what, "%.300s is %lld, expected %lld", expr, got, want);
        return check_record(0, what, file, line);
    }
    return check_record(1, expr, file, line);
}

/* Prints the closing line; returns the process exit code. */
static inline int check_summary(void)
{
    struct check_counters *c = check_counters();
    int failed;
    pthread_mutex_lock(&c->lock);
    printf("%ld passed, %ld failed\n", c->passed, c->failed);
    fflush(stdout);
    failed = c->failed != 0;
    pthread_mutex_unlock(&c->lock);
    return failed ? 1 : 0;
}

/* Asks the test's driver: prints the request line on stdout, returns its
 * one-line answer from stdin (valid until the next ask), or "(no answer)"
 * when stdin has ended. */
static inline const char *ask(const char *format, ...)
{
    static char answer[8192];
    va_list args;
    size_t len;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    putchar('\n');
    fflush(stdout);
    if (fgets(answer, sizeof answer, stdin) == NULL) {
        return "(no answer)";
    }
    len = strlen(answer);
    while (len > 0 && (answer[len - 1] == '\n' || answer[len - 1] == '\r')) {
        answer[--len] = '\0';
    }
    return answer;
}

#define CHECK(cond) check_record((cond) ? 1 : 0, #cond, __FILE__, __LINE__)
/* `call` must be written as a direct call of a jet_ function. */
#define CHECK_STATUS(call, expected) check_status((call), (expected), #call, __FILE__, __LINE__)
#define CHECK_STR(got, want) check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_INT(got, want) \
    check_int((long long)(got), (long long)(want), #got, __FILE__, __LINE__)
/* After a call that reports failure by its return value (NULL, false, 0). */
#define CHECK_LAST_ERROR(function) \
    check_record(check_error_names(function), "last error names " function, __FILE__, __LINE__)

#endif /* JET_TEST_CHECK_H */
