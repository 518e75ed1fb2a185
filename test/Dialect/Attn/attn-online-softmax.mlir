// RUN: attn-opt %s --split-input-file --attn-online-softmax | FileCheck %s

// Several KV blocks: the online form, with the scale made explicit and the
// mask, its fill and the causal alignment carried over; one split gives
// [1, ...] partials.
// CHECK-LABEL: func.func @online
//  CHECK-SAME:   %[[Q:[^:]+]]: tensor<1x2x40x16xf32>, %[[K:[^:]+]]: tensor<1x2x100x16xf32>, %[[V:[^:]+]]: tensor<1x2x100x24xf32>, %[[M:[^:]+]]: tensor<40x100xi1>
//       CHECK:   %[[ACC:.+]], %[[MAX:.+]], %[[SUM:.+]] = attn.online_attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<40x100xi1>) scale(2.500000e-01) causal(bottom_right) mask_fill(-1.000000e+04) tiling <query_tile = 8, kv_tile = 32, kv_splits = 1>
//  CHECK-SAME:     -> tensor<1x1x2x40x24xf32>, tensor<1x1x2x40xf32>, tensor<1x1x2x40xf32>
//       CHECK:   %[[O:.+]] = attn.online_finalize %[[ACC]], %[[MAX]], %[[SUM]] : {{.*}} -> tensor<1x2x40x24xf32>
//   CHECK-NOT:   attn.attention
//       CHECK:   return %[[O]]
func.func @online(%q: tensor<1x2x40x16xf32>, %k: tensor<1x2x100x16xf32>, %v: tensor<1x2x100x24xf32>, %m: tensor<40x100xi1>) -> tensor<1x2x40x24xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<40x100xi1>) causal(bottom_right) mask_fill(-1.0e4) tiling <query_tile = 8, kv_tile = 32, kv_splits = 1> : tensor<1x2x40x16xf32>, tensor<1x2x100x16xf32>, tensor<1x2x100x24xf32> -> tensor<1x2x40x24xf32>
  return %o : tensor<1x2x40x24xf32>
}

// -----

// Split-KV: the partial triples carry the split dimension first.
// CHECK-LABEL: func.func @split_kv
//       CHECK:   attn.online_attention {{.*}} scale(0.0883883{{[0-9]*}}) tiling <query_tile = 1, kv_tile = 256, kv_splits = 9>
//  CHECK-SAME:     -> tensor<9x1x2x1x128xf32>, tensor<9x1x2x1xf32>, tensor<9x1x2x1xf32>
//       CHECK:   attn.online_finalize {{.*}} : tensor<9x1x2x1x128xf32>, tensor<9x1x2x1xf32>, tensor<9x1x2x1xf32> -> tensor<1x2x1x128xf32>
func.func @split_kv(%q: tensor<1x2x1x128xf32>, %k: tensor<1x2x8192x128xf32>, %v: tensor<1x2x8192x128xf32>) -> tensor<1x2x1x128xf32> {
  %o = attn.attention %q, %k, %v : tensor<1x2x1x128xf32>, tensor<1x2x8192x128xf32>, tensor<1x2x8192x128xf32> -> tensor<1x2x1x128xf32>
  return %o : tensor<1x2x1x128xf32>
}

// -----

// One block covers all keys: the two-pass form stays attn.attention, with
// its tiling recorded.
// CHECK-LABEL: func.func @two_pass
//       CHECK:   attn.attention {{.*}} tiling <query_tile = 64, kv_tile = 128, kv_splits = 1>
//   CHECK-NOT:   attn.online_attention
func.func @two_pass(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x128x64xf32>, %v: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  %o = attn.attention %q, %k, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

// The sliding window is carried over to the online form.
// CHECK-LABEL: func.func @window
//       CHECK:   attn.online_attention {{.+}} causal(top_left) window <left = 32, right = 0> tiling <query_tile = 8, kv_tile = 16, kv_splits = 1>
func.func @window(%q: tensor<1x1x64x16xf32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) window <left = 32, right = 0> tiling <query_tile = 8, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// Every clause is carried over: segment ids, dilated window, chunk, prefix,
// block layout, ALiBi and softcap.
// CHECK-LABEL: func.func @patterns
//       CHECK:   attn.online_attention %{{.+}}, %{{.+}}, %{{.+}} segments(%{{.+}}, %{{.+}} : tensor<1x64xi32>, tensor<1x64xi32>) scale(2.500000e-01) causal(top_left) window <left = 32, right = 0, dilation = 2> chunk(16) prefix(4) blocks <query_block = 32, key_block = 32, layout = dense<true> : tensor<2x2xi1>> alibi [5.000000e-01] softcap(2.000000e+01) tiling <query_tile = 8, kv_tile = 16, kv_splits = 1>
func.func @patterns(%q: tensor<1x1x64x16xf32>, %s: tensor<1x64xi32>) -> tensor<1x1x64x16xf32> {
  %o = attn.attention %q, %q, %q segments(%s, %s : tensor<1x64xi32>, tensor<1x64xi32>) causal(top_left) window <left = 32, right = 0, dilation = 2> chunk(16) prefix(4) blocks <query_block = 32, key_block = 32, layout = dense<true> : tensor<2x2xi1>> alibi [0.5] softcap(20.0) tiling <query_tile = 8, kv_tile = 16, kv_splits = 1> : tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32> -> tensor<1x1x64x16xf32>
  return %o : tensor<1x1x64x16xf32>
}

// -----

// f16 / bf16 operands: the running triple is f32, the finalized result keeps
// the storage type.
// CHECK-LABEL: func.func @half
//       CHECK:   %[[ACC:.+]], %[[MAX:.+]], %[[SUM:.+]] = attn.online_attention {{.*}} mask(%{{.+}} : tensor<40x100xf16>) scale(2.500000e-01) causal(top_left) tiling <query_tile = 8, kv_tile = 32, kv_splits = 2> : tensor<1x2x40x16xf16>, tensor<1x2x100x16xf16>, tensor<1x2x100x24xf16>
//  CHECK-SAME:     -> tensor<2x1x2x40x24xf32>, tensor<2x1x2x40xf32>, tensor<2x1x2x40xf32>
//       CHECK:   attn.online_finalize %[[ACC]], %[[MAX]], %[[SUM]] : {{.*}} -> tensor<1x2x40x24xf16>
//       CHECK:   attn.online_attention {{.*}} -> tensor<1x1x2x40x24xf32>, tensor<1x1x2x40xf32>, tensor<1x1x2x40xf32>
//       CHECK:   attn.online_finalize {{.*}} -> tensor<1x2x40x24xbf16>
func.func @half(%q: tensor<1x2x40x16xf16>, %k: tensor<1x2x100x16xf16>, %v: tensor<1x2x100x24xf16>, %m: tensor<40x100xf16>, %b: tensor<1x2x40x16xbf16>, %c: tensor<1x2x100x16xbf16>, %d: tensor<1x2x100x24xbf16>) -> (tensor<1x2x40x24xf16>, tensor<1x2x40x24xbf16>) {
  %o = attn.attention %q, %k, %v mask(%m : tensor<40x100xf16>) causal(top_left) tiling <query_tile = 8, kv_tile = 32, kv_splits = 2> : tensor<1x2x40x16xf16>, tensor<1x2x100x16xf16>, tensor<1x2x100x24xf16> -> tensor<1x2x40x24xf16>
  %p = attn.attention %b, %c, %d tiling <query_tile = 8, kv_tile = 32, kv_splits = 1> : tensor<1x2x40x16xbf16>, tensor<1x2x100x16xbf16>, tensor<1x2x100x24xbf16> -> tensor<1x2x40x24xbf16>
  return %o, %p : tensor<1x2x40x24xf16>, tensor<1x2x40x24xbf16>
}
