/*
 * Moves a browser's wall clock by a whole number of seconds (E2E_CLOCK_OFFSET_SECONDS), for
 * the real-browser tests of what depends on the date (British Summer Time). Loaded into the
 * browser's processes with LD_PRELOAD (test/e2e/clock/browser-clock.ts builds it with `cc`).
 *
 * Only the wall clock moves (CLOCK_REALTIME and its coarse form, gettimeofday, time); the
 * monotonic clocks timers run on are left alone. Real time comes from the kernel by
 * syscall, with no dlsym and no allocation: Debian's libfaketime 0.9.10 deadlocks Firefox
 * at start-up (its first clock_gettime, from a static initializer of Firefox's allocator,
 * makes libfaketime look up symbols glibc lacks, `__ftime`; the failed lookup allocates,
 * and the allocator's lock is already held).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long offset_seconds(void) {
  static int known;
  static long long seconds;
  if (!known) {
    const char *text = getenv("E2E_CLOCK_OFFSET_SECONDS");
    seconds = text ? atoll(text) : 0;
    known = 1;
  }
  return seconds;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
  long result = syscall(SYS_clock_gettime, id, ts);
  if (result == 0 && ts && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) ts->tv_sec += offset_seconds();
  return (int)result;
}

int gettimeofday(struct timeval *tv, void *tz) {
  long result = syscall(SYS_gettimeofday, tv, tz);
  if (result == 0 && tv) tv->tv_sec += offset_seconds();
  return (int)result;
}

time_t time(time_t *out) {
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return (time_t)-1;
  if (out) *out = ts.tv_sec;
  return ts.tv_sec;
}
