#ifndef CANS_BENCH_CARD_H
#define CANS_BENCH_CARD_H

/* An ALSA external PCM ("type cansbench"), built as libasound_module_pcm_cansbench.so: a stereo
   sound card modelled on the kernel's snd-dummy, for `cans-bench --monitor-latency`. It has
   nothing to export to Swift; alsa-lib finds its entry point, _snd_pcm_cansbench_open, by name. */

#endif
