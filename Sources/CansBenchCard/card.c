/* A sound card in user space for the monitor latency benchmark: an ALSA external PCM plugin
   (alsa-lib's ioplug API, see alsa/pcm_ioplug.h) whose clock works like the kernel's snd-dummy
   driver with its high-resolution timer: the hardware position is the monotonic clock's time
   since start times the rate, and a period-elapsed wakeup (a timerfd) comes at each period
   boundary. Playback is consumed and discarded; capture delivers a 1 kHz sine at -20 dBFS.

   Underruns and overruns are detected as a card does (counting the frames that pass through the
   transfer callback, since ioplug's own copy of the application pointer is not kept current):
   a playback position beyond what the application has written, or a capture position more than a buffer ahead of what it has read,
   is an xrun (-EPIPE), so the application sees exactly what it would see on hardware that moves
   at the nominal rate with no slack. Each PCM opened (capture, playback) is a stream of its own,
   started when the application starts it.

   Configuration (an ALSA config file):
       pcm_type.cansbench { lib "/path/to/libasound_module_pcm_cansbench.so" }
       pcm.benchcard { type cansbench }
       pcm.benchcard_jumps { type cansbench jump_every 40 }

   `jump_every N` (tests only): every N periods the position jumps one period ahead, as if the
   application had stalled for a period, so a playback underruns on demand.
*/
#include <alsa/asoundlib.h>
#include <alsa/pcm_external.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "cans_bench_card.h"

#define SINE_PERIOD 48 /* frames of one 1 kHz cycle at 48 kHz (used at every rate: a tone near 1 kHz) */

typedef struct {
    snd_pcm_ioplug_t io;
    int timer_fd;
    int running;
    struct timespec start;
    uint64_t sine_index;
    uint64_t transferred; /* frames the application has written or read since prepare */
    long jump_every;      /* periods between jumps of one period; 0: none */
    float sine[SINE_PERIOD];
} bench_card;

static uint64_t elapsed_frames(const bench_card *card) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ns = (int64_t)(now.tv_sec - card->start.tv_sec) * 1000000000LL + (now.tv_nsec - card->start.tv_nsec);
    if (ns < 0) return 0;
    uint64_t frames = (uint64_t)((__int128)ns * card->io.rate / 1000000000LL);
    if (card->jump_every > 0) {
        uint64_t span = (uint64_t)card->jump_every * card->io.period_size;
        frames += frames / span * card->io.period_size;
    }
    return frames;
}

static int arm_timer(bench_card *card) {
    /* First wakeup one period after start, then every period: the period interrupt. Rounded up,
       so a wakeup never comes before its period is complete (it falls behind by under 1 ns a
       period: 0.7 ms an hour at 256 frames and 48 kHz). */
    uint64_t period_ns = ((uint64_t)card->io.period_size * 1000000000ULL + card->io.rate - 1) / card->io.rate;
    struct itimerspec spec;
    memset(&spec, 0, sizeof spec);
    spec.it_interval.tv_sec = (time_t)(period_ns / 1000000000ULL);
    spec.it_interval.tv_nsec = (long)(period_ns % 1000000000ULL);
    uint64_t first = (uint64_t)card->start.tv_nsec + period_ns;
    spec.it_value.tv_sec = card->start.tv_sec + (time_t)(first / 1000000000ULL);
    spec.it_value.tv_nsec = (long)(first % 1000000000ULL);
    return timerfd_settime(card->timer_fd, TFD_TIMER_ABSTIME, &spec, NULL) < 0 ? -errno : 0;
}

static int card_start(snd_pcm_ioplug_t *io) {
    bench_card *card = io->private_data;
    clock_gettime(CLOCK_MONOTONIC, &card->start);
    card->running = 1;
    return arm_timer(card);
}

static int card_stop(snd_pcm_ioplug_t *io) {
    bench_card *card = io->private_data;
    struct itimerspec off;
    memset(&off, 0, sizeof off);
    card->running = 0;
    timerfd_settime(card->timer_fd, 0, &off, NULL);
    return 0;
}

static snd_pcm_sframes_t card_pointer(snd_pcm_ioplug_t *io) {
    bench_card *card = io->private_data;
    if (!card->running) return (snd_pcm_sframes_t)(io->hw_ptr % io->buffer_size);
    uint64_t position = elapsed_frames(card);
    uint64_t appl = card->transferred;
    if (io->stream == SND_PCM_STREAM_PLAYBACK) {
        if (position > appl) return -EPIPE;             /* the card needed a frame not yet written */
    } else if (position > appl + io->buffer_size) {
        return -EPIPE;                                   /* the card overwrote a frame not yet read */
    }
    return (snd_pcm_sframes_t)(position % io->buffer_size);
}

/* The delay a driver reports: frames written and not yet played, or captured and not yet read,
   from the card's own position (ioplug's default works from its copy of the hardware pointer,
   which can be a period stale). */
static int card_delay(snd_pcm_ioplug_t *io, snd_pcm_sframes_t *delayp) {
    bench_card *card = io->private_data;
    int64_t position = card->running ? (int64_t)elapsed_frames(card) : 0;
    int64_t appl = (int64_t)card->transferred;
    *delayp = (snd_pcm_sframes_t)(io->stream == SND_PCM_STREAM_PLAYBACK ? appl - position : position - appl);
    return 0;
}

static snd_pcm_sframes_t card_transfer(snd_pcm_ioplug_t *io, const snd_pcm_channel_area_t *areas,
                                       snd_pcm_uframes_t offset, snd_pcm_uframes_t size) {
    bench_card *card = io->private_data;
    card->transferred += size;
    if (io->stream == SND_PCM_STREAM_PLAYBACK) return (snd_pcm_sframes_t)size;
    /* Interleaved float32 stereo: one area, step 64 bits. */
    float *frames = (float *)((char *)areas[0].addr + areas[0].first / 8) + offset * io->channels;
    for (snd_pcm_uframes_t i = 0; i < size; i++) {
        float value = card->sine[card->sine_index % SINE_PERIOD];
        card->sine_index++;
        for (unsigned int c = 0; c < io->channels; c++) frames[i * io->channels + c] = value;
    }
    return (snd_pcm_sframes_t)size;
}

static int card_poll_revents(snd_pcm_ioplug_t *io, struct pollfd *pfd, unsigned int nfds, unsigned short *revents) {
    bench_card *card = io->private_data;
    if (nfds == 1 && (pfd[0].revents & POLLIN)) {
        uint64_t expirations;
        ssize_t got = read(card->timer_fd, &expirations, sizeof expirations);
        (void)got;
        *revents = io->stream == SND_PCM_STREAM_PLAYBACK ? POLLOUT : POLLIN;
    } else {
        *revents = 0;
    }
    return 0;
}

static int card_prepare(snd_pcm_ioplug_t *io) {
    bench_card *card = io->private_data;
    card_stop(io);
    card->sine_index = 0;
    card->transferred = 0;
    return 0;
}

static int card_close(snd_pcm_ioplug_t *io) {
    bench_card *card = io->private_data;
    close(card->timer_fd);
    free(card);
    return 0;
}

static const snd_pcm_ioplug_callback_t card_callbacks = {
    .start = card_start,
    .stop = card_stop,
    .pointer = card_pointer,
    .transfer = card_transfer,
    .close = card_close,
    .prepare = card_prepare,
    .poll_revents = card_poll_revents,
    .delay = card_delay,
};

static int set_constraints(snd_pcm_ioplug_t *io) {
    static const unsigned int accesses[] = {SND_PCM_ACCESS_RW_INTERLEAVED};
    static const unsigned int formats[] = {SND_PCM_FORMAT_FLOAT_LE};
    int err;
    if ((err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_ACCESS, 1, accesses)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_FORMAT, 1, formats)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_CHANNELS, 2, 2)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_RATE, 8000, 192000)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIOD_BYTES, 16 * 8, 8192 * 8)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIODS, 2, 64)) < 0) return err;
    return 0;
}

SND_PCM_PLUGIN_DEFINE_FUNC(cansbench) {
    (void)root;
    long jump_every = 0;
    snd_config_iterator_t i, next;
    snd_config_for_each(i, next, conf) {
        snd_config_t *entry = snd_config_iterator_entry(i);
        const char *id;
        if (snd_config_get_id(entry, &id) < 0) continue;
        if (strcmp(id, "comment") == 0 || strcmp(id, "type") == 0 || strcmp(id, "hint") == 0) continue;
        if (strcmp(id, "jump_every") == 0) {
            if (snd_config_get_integer(entry, &jump_every) < 0 || jump_every < 0) {
                SNDERR("cansbench: jump_every must be a whole number of periods, 0 or more");
                return -EINVAL;
            }
            continue;
        }
        SNDERR("cansbench: unknown field %s", id);
        return -EINVAL;
    }
    bench_card *card = calloc(1, sizeof *card);
    if (card == NULL) return -ENOMEM;
    card->jump_every = jump_every;
    for (int k = 0; k < SINE_PERIOD; k++) card->sine[k] = (float)(0.1 * sin(2 * M_PI * k / SINE_PERIOD));
    card->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (card->timer_fd < 0) {
        int err = -errno;
        free(card);
        return err;
    }
    card->io.version = SND_PCM_IOPLUG_VERSION;
    card->io.name = "cans benchmark card (snd-dummy clock)";
    card->io.callback = &card_callbacks;
    card->io.private_data = card;
    card->io.poll_fd = card->timer_fd;
    card->io.poll_events = POLLIN;
    card->io.mmap_rw = 0;
    int err = snd_pcm_ioplug_create(&card->io, name, stream, mode);
    if (err < 0) {
        close(card->timer_fd);
        free(card);
        return err;
    }
    if ((err = set_constraints(&card->io)) < 0) {
        snd_pcm_ioplug_delete(&card->io);
        return err;
    }
    *pcmp = card->io.pcm;
    return 0;
}

SND_PCM_PLUGIN_SYMBOL(cansbench);
