/*===- attn_runtime.h - helpers every generated attn library links --------===*/

#ifndef ATTN_RUNTIME_H
#define ATTN_RUNTIME_H

#include <HalideRuntime.h>
#include <stdint.h>

/* Return codes of every generated entry point (also in the generated header).
 */
enum {
  ATTN_OK = 0,
  ATTN_ERROR_NULL_POINTER = 1,
  ATTN_ERROR_BAD_BUFFER = 2,
  ATTN_ERROR_RUNTIME = 3
};

const char *attn_last_error(void);
/* Frees the scratch blocks kept for later calls (attn_scratch.c). */
void attn_release_scratch(void);
void attn_set_error(const char *format, ...)
    __attribute__((format(printf, 1, 2)));

/* Element types of arguments and results (TensorSignature's ElementKind).
 * F16 and BF16 elements are passed as their raw 16 bits (uint16_t). */
enum {
  ATTN_DTYPE_F32 = 0,
  ATTN_DTYPE_I1 = 1,
  ATTN_DTYPE_I32 = 2,
  ATTN_DTYPE_F16 = 3,
  ATTN_DTYPE_BF16 = 4
};

/* Checks a caller's buffer against the static type and row-major shape. */
int attn_check_buffer(const char *function, const char *argument,
                      const struct halide_buffer_t *buffer, int rank,
                      const int64_t *shape, int dtype);
int attn_check_pointer(const char *function, const char *argument,
                       const void *pointer);
/* Describes a dense row-major array as a Halide buffer. */
void attn_make_dense_buffer(struct halide_buffer_t *buffer,
                            struct halide_dimension_t *dims, void *host,
                            int rank, const int64_t *shape, int dtype);
/* f16 and bf16 buffers reach a pipeline as raw uint16 bits: `view` is the
 * caller's buffer retyped; afterwards the device fields the pipeline set on
 * the view (allocation, dirty flags) go back to the caller's buffer. */
void attn_raw_bits_view(struct halide_buffer_t *view,
                        const struct halide_buffer_t *buffer);
void attn_raw_bits_return(struct halide_buffer_t *buffer,
                          const struct halide_buffer_t *view);
/* Turns a pipeline's Halide error code into an attn error code. */
int attn_pipeline_failed(const char *function, int halide_code);

#endif /* ATTN_RUNTIME_H */
