// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.slice is an index shift that its consumer reads through: the add
// reads x at column offset 16 directly, no slice is produced or allocated.
// A slice that is returned gets a copy of its own.

// CHECK-LABEL: // attn-compile: function @slice_add
//   CHECK-NOT: slice
//       CHECK: s1_add[ramp({{.+}}, 1, 8)] = in_x[ramp(({{.+}}) + 16, 1, 8)] + in_y[ramp({{.+}}, 1, 8)]
//   CHECK-NOT: slice
//       CHECK: // attn-compile: function @slice_returned
//       CHECK: copy_result0[ramp({{.+}}, 1, 8)] = in_x[ramp(({{.+}}) + 19, 1, 8)]
//       CHECK: produce copy_result0 {
func.func @slice_add(%x: tensor<4x48xf32> {attn.name = "x"},
                     %y: tensor<4x16xf32> {attn.name = "y"}) -> tensor<4x16xf32> {
  %0 = attn.slice %x offsets [0, 16] : tensor<4x48xf32> -> tensor<4x16xf32>
  %1 = attn.add %0, %y : tensor<4x16xf32>, tensor<4x16xf32> -> tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

func.func @slice_returned(%x: tensor<4x48xf32> {attn.name = "x"}) -> tensor<2x16xf32> {
  %0 = attn.slice %x offsets [1, 19] : tensor<4x48xf32> -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}
