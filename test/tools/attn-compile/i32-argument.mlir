// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libids.so
// RUN: FileCheck %s --check-prefix=HEADER < %t/libids.h
// RUN: %python %S/Inputs/call_i32_argument.py %t/libids.so | FileCheck %s --check-prefix=CALL

// i32 arguments (CSR indices, segment ids) cross the C ABI as int32_t arrays
// and are checked for their element type like f32 and i1 ones. No attn op
// reads one here: the entry point still carries and checks it.

// HEADER: /* f: ids [5] i32, x [5] f32 -> y [5] f32.
// HEADER: int f(const int32_t *ids, const float *x, float *y);
// HEADER: int f_halide(struct halide_buffer_t *ids, struct halide_buffer_t *x, struct halide_buffer_t *y);

// CALL: dtype i32 shape (5,)
// CALL: y = [2.0, 4.0, 6.0, 8.0, 10.0]
// CALL: int64 ids accepted: [2.0, 4.0, 6.0, 8.0, 10.0]
// CALL: float ids rejected: f(): argument 'ids' (#0) must have an integer dtype for an i32 tensor, got float32
// CALL: int32 range checked: f(): argument 'ids' (#0) has values outside the int32 range
// CALL: halide entry with float32 ids: rc 2: f: argument 'ids' must hold int32 elements
func.func @f(%ids: tensor<5xi32> {attn.name = "ids"},
             %x: tensor<5xf32> {attn.name = "x"}) -> (tensor<5xf32> {attn.name = "y"}) {
  %0 = attn.scale %x by 2.000000e+00 : tensor<5xf32>
  return %0 : tensor<5xf32>
}
