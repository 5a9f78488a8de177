#pragma once
#include <alsa/asoundlib.h>

/* alsa-lib prints its own diagnostics to stderr through a variadic callback, which Swift cannot
   define; cans reports every failure itself as an ALSAError, so it installs this silent one. */
static void cans_alsa_silent_error(const char *file, int line, const char *function, int err,
                                   const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline void cans_alsa_silence_errors(void) {
    snd_lib_error_set_handler(cans_alsa_silent_error);
}
