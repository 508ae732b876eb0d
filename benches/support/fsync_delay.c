/* A slow disk for the fleet benchmark: every fsync/fdatasync of the process
 * it is preloaded into (LD_PRELOAD) first sleeps FSYNC_DELAY_MS (default 5)
 * milliseconds, as on an SD card. With FSYNC_COUNT_FILE set, the number of
 * syncs and the process's peak memory (VmHWM, in kB) are written there when
 * it exits: the peak of topup's own image, which wait4's ru_maxrss is not
 * (it keeps the high-water mark of the parent it was forked from). Built by
 * benches/fleet.rs with the system's C compiler; never part of topup. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long delay_ns = -1;
static unsigned long syncs;

static void slow_down(void) {
    if (delay_ns < 0) {
        const char *ms = getenv("FSYNC_DELAY_MS");
        delay_ns = (ms ? atol(ms) : 5) * 1000000L;
    }
    __atomic_add_fetch(&syncs, 1, __ATOMIC_RELAXED);
    struct timespec left = {delay_ns / 1000000000L, delay_ns % 1000000000L};
    while (nanosleep(&left, &left) == -1) {
    }
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    slow_down();
    return real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    slow_down();
    return real(fd);
}

static long peak_kb(void) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (status && fgets(line, sizeof line, status))
        if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
            break;
    if (status)
        fclose(status);
    return kb;
}

__attribute__((destructor)) static void count_syncs(void) {
    const char *path = getenv("FSYNC_COUNT_FILE");
    if (!path)
        return;
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%lu %ld\n", syncs, peak_kb());
        fclose(f);
    }
}
