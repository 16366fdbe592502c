#ifndef RELAIS_CCURL_SHIM_H
#define RELAIS_CCURL_SHIM_H

// Swift cannot call C variadics such as curl_easy_setopt; these typed wrappers are the only way
// the rest of Relais talks to libcurl. One wrapper per argument type curl expects.
#include <curl/curl.h>

static inline CURLcode relais_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relais_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relais_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relais_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relais_curl_setopt_read_callback(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode relais_curl_setopt_write_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode relais_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

// curl 7.88 spells this option with three Ls; newer releases add the two-L alias.
static inline CURLoption relais_curl_opt_mail_rcpt_allowfails(void) {
    return CURLOPT_MAIL_RCPT_ALLLOWFAILS;
}

#endif
