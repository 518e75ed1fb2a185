/*===- attn_scratch.c - scratch memory kept between calls ----------------===*
 *
 * Overrides the Halide runtime's weak halide_malloc / halide_free. The
 * pipelines' buffers of 16 KiB or more would otherwise go back to the C
 * library when freed, which may give their pages back to the system, and
 * the next allocation would fault them in again: the packed key and value
 * panels at the end of every call (at N = 512 that cost a quarter of the
 * call), and a task's per-KV-block scores and probabilities (64 KiB each)
 * after every block (a C caller's heap trimmed them each time: 1.1-1.4x
 * slower). Freed blocks are kept, up to a bound, and handed out again;
 * attn_release_scratch() gives them back, and in a GPU library also the
 * device memory Halide keeps for reuse.
 *===----------------------------------------------------------------------===*/

#include "attn_runtime.h"

#include <pthread.h>
#include <stdlib.h>

/* Halide assumes this alignment of its heap buffers on every target. */
enum { ATTN_SCRATCH_ALIGNMENT = 128 };

/* Smaller blocks stay in the C library's heap. */
#define ATTN_SCRATCH_MIN_BYTES ((size_t)16 << 10)
#define ATTN_SCRATCH_MAX_KEPT_BYTES ((size_t)256 << 20)
#define ATTN_SCRATCH_SLOTS 32
/* Blocks up to this size are first kept by the thread that freed them, with
 * no lock: a task's per-block buffers come and go at every KV block, on
 * every thread at once. */
#define ATTN_SCRATCH_THREAD_MAX_BYTES ((size_t)1 << 20)
#define ATTN_SCRATCH_THREAD_SLOTS 4

/* Each block starts with this header; the caller gets the bytes after it. */
struct scratch_header {
  size_t capacity;
};

static pthread_mutex_t scratch_lock = PTHREAD_MUTEX_INITIALIZER;
/* Kept blocks (their headers), oldest first. */
static struct scratch_header *scratch_kept[ATTN_SCRATCH_SLOTS];
static int scratch_kept_count;
static size_t scratch_kept_bytes;

struct thread_kept {
  int registered; /* with thread_kept_key, so its exit frees the blocks */
  int count;
  struct scratch_header *blocks[ATTN_SCRATCH_THREAD_SLOTS];
};
static __thread struct thread_kept thread_kept;
/* Frees a thread's kept blocks when it exits. */
static pthread_key_t thread_kept_key;
static pthread_once_t thread_kept_key_once = PTHREAD_ONCE_INIT;
static int thread_kept_key_made;

static void free_thread_kept(void *kept) {
  struct thread_kept *list = (struct thread_kept *)kept;
  for (int i = 0; i < list->count; ++i)
    free(list->blocks[i]);
  list->count = 0;
}

static void make_thread_kept_key(void) {
  thread_kept_key_made =
      pthread_key_create(&thread_kept_key, free_thread_kept) == 0;
}

static void *payload_of(struct scratch_header *block) {
  return (char *)block + ATTN_SCRATCH_ALIGNMENT;
}

static struct scratch_header *header_of(void *payload) {
  return (struct scratch_header *)((char *)payload - ATTN_SCRATCH_ALIGNMENT);
}

static void forget_kept(int slot) {
  scratch_kept_bytes -= scratch_kept[slot]->capacity;
  for (int i = slot + 1; i < scratch_kept_count; ++i)
    scratch_kept[i - 1] = scratch_kept[i];
  --scratch_kept_count;
}

/* Whether a block of `capacity` bytes serves a request of `bytes`: it holds
 * them without wasting more than their size again. */
static int fits(size_t capacity, size_t bytes) {
  return capacity >= bytes && capacity / 2 <= bytes;
}

/* A block this thread kept that serves `bytes`, taken out; NULL if none. */
static struct scratch_header *take_thread_kept(size_t bytes) {
  struct thread_kept *list = &thread_kept;
  for (int i = 0; i < list->count; ++i) {
    struct scratch_header *block = list->blocks[i];
    if (fits(block->capacity, bytes)) {
      list->blocks[i] = list->blocks[--list->count];
      return block;
    }
  }
  return NULL;
}

/* Keeps `block` in this thread's list if it is small and there is room. */
static int keep_in_thread(struct scratch_header *block) {
  struct thread_kept *list = &thread_kept;
  if (block->capacity > ATTN_SCRATCH_THREAD_MAX_BYTES ||
      list->count == ATTN_SCRATCH_THREAD_SLOTS)
    return 0;
  if (!list->registered) {
    pthread_once(&thread_kept_key_once, make_thread_kept_key);
    if (!thread_kept_key_made ||
        pthread_setspecific(thread_kept_key, list) != 0)
      return 0;
    list->registered = 1;
  }
  list->blocks[list->count++] = block;
  return 1;
}

/* The smallest kept block that serves `bytes`, taken out of the list; NULL
 * if none. */
static struct scratch_header *take_kept(size_t bytes) {
  int best = -1;
  for (int i = 0; i < scratch_kept_count; ++i) {
    size_t capacity = scratch_kept[i]->capacity;
    if (fits(capacity, bytes) &&
        (best < 0 || capacity < scratch_kept[best]->capacity))
      best = i;
  }
  if (best < 0)
    return NULL;
  struct scratch_header *block = scratch_kept[best];
  forget_kept(best);
  return block;
}

void *halide_malloc(void *user_context, size_t bytes) {
  (void)user_context;
  if (bytes > (size_t)-1 - 4096 - ATTN_SCRATCH_ALIGNMENT)
    return NULL;
  /* Whole pages, so that slightly different sizes share blocks. */
  size_t capacity = (bytes + 4095) & ~(size_t)4095;
  if (capacity >= ATTN_SCRATCH_MIN_BYTES) {
    struct scratch_header *own = take_thread_kept(capacity);
    if (own)
      return payload_of(own);
    pthread_mutex_lock(&scratch_lock);
    struct scratch_header *kept = take_kept(capacity);
    pthread_mutex_unlock(&scratch_lock);
    if (kept)
      return payload_of(kept);
  }
  void *memory = NULL;
  if (posix_memalign(&memory, ATTN_SCRATCH_ALIGNMENT,
                     capacity + ATTN_SCRATCH_ALIGNMENT) != 0)
    return NULL; /* Halide reports the failed allocation */
  struct scratch_header *block = (struct scratch_header *)memory;
  block->capacity = capacity;
  return payload_of(block);
}

void halide_free(void *user_context, void *payload) {
  (void)user_context;
  if (!payload)
    return;
  struct scratch_header *block = header_of(payload);
  if (block->capacity < ATTN_SCRATCH_MIN_BYTES ||
      block->capacity > ATTN_SCRATCH_MAX_KEPT_BYTES) {
    free(block);
    return;
  }
  if (keep_in_thread(block))
    return;
  /* Make room by dropping the oldest kept blocks. */
  struct scratch_header *dropped[ATTN_SCRATCH_SLOTS];
  int dropped_count = 0;
  pthread_mutex_lock(&scratch_lock);
  while (scratch_kept_count == ATTN_SCRATCH_SLOTS ||
         scratch_kept_bytes + block->capacity > ATTN_SCRATCH_MAX_KEPT_BYTES) {
    dropped[dropped_count++] = scratch_kept[0];
    forget_kept(0);
  }
  scratch_kept[scratch_kept_count++] = block;
  scratch_kept_bytes += block->capacity;
  pthread_mutex_unlock(&scratch_lock);
  for (int i = 0; i < dropped_count; ++i)
    free(dropped[i]);
}

/* Defined by GPU libraries: empties Halide's list of freed device memory. */
__attribute__((weak, visibility("hidden"))) void
attn_release_device_scratch(void);

static void release_host_scratch(void) {
  pthread_mutex_lock(&scratch_lock);
  int count = scratch_kept_count;
  struct scratch_header *kept[ATTN_SCRATCH_SLOTS];
  for (int i = 0; i < count; ++i)
    kept[i] = scratch_kept[i];
  scratch_kept_count = 0;
  scratch_kept_bytes = 0;
  pthread_mutex_unlock(&scratch_lock);
  for (int i = 0; i < count; ++i)
    free(kept[i]);
}

__attribute__((visibility("default"))) void attn_release_scratch(void) {
  free_thread_kept(&thread_kept);
  release_host_scratch();
  if (attn_release_device_scratch)
    attn_release_device_scratch();
}

/* dlclose() of the library gives the host memory back too (not the device
 * memory: at process exit the GPU driver may already be gone). */
__attribute__((destructor)) static void release_scratch_at_unload(void) {
  /* Other threads' kept blocks stay allocated: their exit must not call
   * into the unloaded library. */
  if (thread_kept_key_made)
    pthread_key_delete(thread_kept_key);
  free_thread_kept(&thread_kept);
  release_host_scratch();
}
