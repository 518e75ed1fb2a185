// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// An i1 mask is passed as a uint8 buffer (in_<name>). The partial pass's
// score store loads 8 mask bytes as a vector and keeps the positions that
// are non-zero; the full pass (blocks whose pairs are all kept) never reads
// the mask. The [N, M] mask broadcasts over batch and heads, so the task
// never reads a batch or head stride of the mask, and the call scans it
// once (one count of kept pairs for the single tile × block) to fill the
// block table and the tile's block ranges. With one KV block, each pass's
// stages sit inside its visit test: the kind, and block 0 within the
// tile's range of that kind (blockRange.0/.1 full, .2/.3 partial).

// CHECK-LABEL: // attn-compile: function @bool_mask
// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//   CHECK-NOT: in_keep.stride.2
//       CHECK: produce s0_attention_full_score {
//  CHECK-NEXT: consume s0_attention_full_keyPanel {
//  CHECK-NEXT: if (((0 <= s0_attention_blockRange.1[0]) && (s0_attention_blockKind[0] == (uint8)2)) && (s0_attention_blockRange.0[0] <= 0)) {
//   CHECK-NOT: in_keep
//   CHECK-NOT: select(
//       CHECK: consume s0_attention_full_dot {
//  CHECK-NEXT: s0_attention_full_score[{{.+}}] = s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.250000f)
//   CHECK-NOT: in_keep
//   CHECK-NOT: select(
// (Checked up to the block sum: the merge's one select picks which side
// of it is rescaled.)
//       CHECK: produce s0_attention_full_blocksum
//   CHECK-NOT: in_keep.stride.2
//       CHECK: produce s0_attention_partial_score {
//  CHECK-NEXT: consume s0_attention_partial_keyPanel {
//  CHECK-NEXT: if (((0 <= s0_attention_blockRange.3[0]) && (s0_attention_blockKind[0] == (uint8)1)) && (s0_attention_blockRange.2[0] <= 0)) {
//   CHECK-NOT: in_keep.stride.2
//       CHECK: consume s0_attention_partial_dot {
//  CHECK-NEXT: let [[DOT:t[0-9]+]] = s0_attention_partial_dot[ramp(0, 1, 8)]
//  CHECK-NEXT: s0_attention_partial_score[{{.+}}] = select((x8({{.+}}) < [[DOT]]) && (in_keep[ramp({{.+}}, 1, 8){{.*}}] != x8((uint8)0)), [[DOT]]*x8(0.250000f), x8(-340282346638528859811704183484516925440.000000f))
//   CHECK-NOT: in_keep.stride.2
// CHECK-LABEL: external_plus_metadata func s0_attention (in_arg0, in_arg1, in_arg2, in_keep, s0_attention) {
//       CHECK: assert(in_keep.type == (uint32)67585,
//       CHECK: allocate s0_attention_maskKept[int32 * 1]
//       CHECK: (int32)vector_reduce(Add, select((uint8x32)in_keep[ramp({{.+}}, 1, 32)] == x32((uint8)0), x32(0), x32(1)))
//       CHECK: s0_attention_blockKind[0] = uint8(select([[KEPT:t[0-9]+]] == 1024, 2, select([[KEPT]] == 0, 0, 1)))
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 4,
func.func @bool_mask(%q: tensor<2x2x32x16xf32>, %k: tensor<2x2x32x16xf32>,
                     %v: tensor<2x2x32x16xf32>,
                     %m: tensor<32x32xi1> {attn.name = "keep"}) -> tensor<2x2x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<32x32xi1>)
      : tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32> -> tensor<2x2x32x16xf32>
  return %o : tensor<2x2x32x16xf32>
}
