#ifndef CANS_SYSTEM_CALLS_CPU_H
#define CANS_SYSTEM_CALLS_CPU_H

/* Whether this processor (and the kernel, which must save the wide registers) runs the code in
   CansKernelsFMA: on x86-64 the x86-64-v3 level (AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE), asked
   with the compiler's CPUID builtin; on 64-bit ARM fused multiply-add is always there. */
static inline int cans_cpu_has_fused_multiply_add(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("x86-64-v3") ? 1 : 0;
#elif defined(__aarch64__)
    return 1;
#else
    return 0;
#endif
}

#endif
