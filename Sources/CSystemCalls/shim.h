#ifndef CANS_SYSTEM_CALLS_SHIM_H
#define CANS_SYSTEM_CALLS_SHIM_H

#include <unistd.h>

/* syncfs(2): flushes one file system (Linux 2.6.39, glibc 2.14). glibc declares it only under
   _GNU_SOURCE, which the Swift Glibc import does not define, so it is declared here as
   unistd.h would. Used by CansFormats' AtomicFileGroup to make many staged files durable with one
   call instead of one fsync each. */
int syncfs(int fd);

#endif
