// RUN: attn-compile %s --emit=mlir | FileCheck %s

// attn-compile runs --attn-decompose-luong before tiling: global dot and
// general Luong attention reach the code generator as attn.attention with
// scale 1 and get its tiling; 1000 keys are more than one KV block, so the
// online form follows.

// CHECK-LABEL: func.func @global_general_long
//       CHECK:   attn.matmul
//       CHECK:   attn.online_attention %{{.+}}, %{{.+}}, %{{.+}} scale(1.000000e+00) tiling <query_tile = 64, kv_tile = 256, kv_splits = {{[0-9]+}}>
//       CHECK:   attn.online_finalize
//   CHECK-NOT:   attn.luong_attention
func.func @global_general_long(%q: tensor<2x128x32xf32>, %k: tensor<2x1000x16xf32>, %v: tensor<2x1000x24xf32>,
                               %w: tensor<32x16xf32>) -> tensor<2x128x24xf32> {
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<32x16xf32>)
      : tensor<2x128x32xf32>, tensor<2x1000x16xf32>, tensor<2x1000x24xf32> -> tensor<2x128x24xf32>
  return %0 : tensor<2x128x24xf32>
}

// CHECK-LABEL: func.func @global_dot
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} scale(1.000000e+00) tiling <query_tile = 13, kv_tile = 32, kv_splits = 1>
//   CHECK-NOT:   attn.luong_attention
func.func @global_dot(%q: tensor<1x13x8xf32>, %k: tensor<1x29x8xf32>, %v: tensor<1x29x3xf32>) -> tensor<1x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot)
      : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  return %0 : tensor<1x13x3xf32>
}

// Local and concat Luong attention stay for the code generator.
// CHECK-LABEL: func.func @local_stays
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(dot) local(monotonic, 3)
func.func @local_stays(%q: tensor<1x13x8xf32>, %k: tensor<1x29x8xf32>, %v: tensor<1x29x3xf32>) -> tensor<1x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot) local(monotonic, 3)
      : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  return %0 : tensor<1x13x3xf32>
}
