/*===- attn_runtime.c - linked into every generated attn library ----------===*
 *
 * Error reporting and argument checks shared by the generated entry points.
 * Everything here is hidden except attn_last_error; the generated library
 * exports only its own entry points.
 *===----------------------------------------------------------------------===*/

#include "attn_runtime.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char attn_error_message[4096];

__attribute__((visibility("default"))) const char *attn_last_error(void) {
  return attn_error_message;
}

void attn_set_error(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(attn_error_message, sizeof(attn_error_message), format, args);
  va_end(args);
}

/* Overrides the Halide runtime's weak halide_error: keep the message for
 * attn_last_error instead of printing it. Halide calls it on the calling
 * thread before the pipeline returns its error code. */
void halide_error(void *user_context, const char *message) {
  (void)user_context;
  size_t length = strlen(message);
  while (length > 0 && message[length - 1] == '\n')
    --length;
  attn_set_error("%.*s", (int)length, message);
}

static void format_shape(char *out, size_t size, int rank,
                         const int64_t *extent_of_dim) {
  size_t used = (size_t)snprintf(out, size, "[");
  for (int i = 0; i < rank && used < size; ++i)
    used += (size_t)snprintf(out + used, size - used, "%s%lld", i ? ", " : "",
                             (long long)extent_of_dim[i]);
  if (used < size)
    snprintf(out + used, size - used, "]");
}

/* The Halide element type of an ATTN_DTYPE_* code. */
static void dtype_to_halide(int dtype, uint8_t *code, uint8_t *bits,
                            const char **name) {
  switch (dtype) {
  case ATTN_DTYPE_I1:
    *code = halide_type_uint, *bits = 8, *name = "bool (uint8)";
    return;
  case ATTN_DTYPE_I32:
    *code = halide_type_int, *bits = 32, *name = "int32";
    return;
  case ATTN_DTYPE_F16:
    *code = halide_type_float, *bits = 16, *name = "float16";
    return;
  case ATTN_DTYPE_BF16:
    *code = halide_type_bfloat, *bits = 16, *name = "bfloat16";
    return;
  default:
    *code = halide_type_float, *bits = 32, *name = "float32";
  }
}

int attn_check_buffer(const char *function, const char *argument,
                      const struct halide_buffer_t *buffer, int rank,
                      const int64_t *shape, int dtype) {
  if (!buffer) {
    attn_set_error("%s: argument '%s' is a null buffer", function, argument);
    return ATTN_ERROR_NULL_POINTER;
  }
  if (!buffer->host && !buffer->device) {
    attn_set_error("%s: argument '%s' has no data (null host pointer)",
                   function, argument);
    return ATTN_ERROR_NULL_POINTER;
  }
  uint8_t code, bits;
  const char *type_name;
  dtype_to_halide(dtype, &code, &bits, &type_name);
  if (buffer->type.code != code || buffer->type.bits != bits ||
      buffer->type.lanes != 1) {
    attn_set_error("%s: argument '%s' must hold %s elements", function,
                   argument, type_name);
    return ATTN_ERROR_BAD_BUFFER;
  }
  if (buffer->dimensions != rank) {
    attn_set_error("%s: argument '%s' has rank %d, expected %d", function,
                   argument, buffer->dimensions, rank);
    return ATTN_ERROR_BAD_BUFFER;
  }
  /* Halide orders dimensions innermost first; shapes are row-major. */
  int64_t actual[16];
  int mismatch = 0;
  for (int i = 0; i < rank && i < 16; ++i) {
    const struct halide_dimension_t *dim = &buffer->dim[rank - 1 - i];
    actual[i] = dim->extent;
    if (dim->extent != shape[i] || dim->min != 0)
      mismatch = 1;
  }
  if (rank > 0 && buffer->dim[0].stride != 1) {
    attn_set_error("%s: argument '%s' must be contiguous in its last "
                   "dimension (stride %d, expected 1)",
                   function, argument, buffer->dim[0].stride);
    return ATTN_ERROR_BAD_BUFFER;
  }
  if (mismatch) {
    char want[256], got[256];
    format_shape(want, sizeof(want), rank, shape);
    format_shape(got, sizeof(got), rank, actual);
    attn_set_error("%s: argument '%s' has shape %s (with all mins 0 "
                   "required), expected %s",
                   function, argument, got, want);
    return ATTN_ERROR_BAD_BUFFER;
  }
  return ATTN_OK;
}

int attn_check_pointer(const char *function, const char *argument,
                       const void *pointer) {
  if (pointer)
    return ATTN_OK;
  attn_set_error("%s: argument '%s' is a null pointer", function, argument);
  return ATTN_ERROR_NULL_POINTER;
}

void attn_make_dense_buffer(struct halide_buffer_t *buffer,
                            struct halide_dimension_t *dims, void *host,
                            int rank, const int64_t *shape, int dtype) {
  const char *type_name;
  memset(buffer, 0, sizeof(*buffer));
  buffer->host = (uint8_t *)host;
  dtype_to_halide(dtype, &buffer->type.code, &buffer->type.bits, &type_name);
  buffer->type.lanes = 1;
  buffer->dimensions = rank;
  buffer->dim = dims;
  int64_t stride = 1;
  for (int i = 0; i < rank; ++i) {
    int64_t extent = shape[rank - 1 - i];
    dims[i].min = 0;
    dims[i].extent = (int32_t)extent;
    dims[i].stride = (int32_t)stride;
    dims[i].flags = 0;
    stride *= extent;
  }
}

void attn_raw_bits_view(struct halide_buffer_t *view,
                        const struct halide_buffer_t *buffer) {
  *view = *buffer;
  view->type.code = halide_type_uint;
}

void attn_raw_bits_return(struct halide_buffer_t *buffer,
                          const struct halide_buffer_t *view) {
  buffer->device = view->device;
  buffer->device_interface = view->device_interface;
  buffer->flags = view->flags;
}

int attn_pipeline_failed(const char *function, int halide_code) {
  if (halide_code == 0)
    return ATTN_OK;
  /* halide_error has already stored Halide's message; say where it came from.
   */
  /* Bounded pieces: the message itself is what gets cut if it is long. */
  char message[4096];
  snprintf(message, sizeof(message), "%.200s: %.3800s (Halide error %d)",
           function, attn_error_message, halide_code);
  attn_set_error("%s", message);
  return ATTN_ERROR_RUNTIME;
}
