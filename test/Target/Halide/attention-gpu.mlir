// RUN: attn-compile %s --target=opencl --emit=halide-stmt | FileCheck %s

// The GPU schedule of attn.attention, read from the OpenCL kernel (the
// same loop nest as CUDA's PTX, in readable C): one kernel; thread blocks
// over (query tile, head, batch) with 32 x 16 threads; the running state
// and each KV tile's K, V, scores and probabilities in local (shared)
// memory, stages separated by barriers; the KV tile loop skips the tiles
// after the query tile's last visible key (causal), and a window's loop
// starts at the tile of its first key. Nothing N x M exists: the only
// allocation is the block's local memory.

// CHECK-LABEL: // attn-compile: function @causal
//       CHECK: __kernel void [[KERNEL:_kernel_s0_online_attention_s0_b___block_id_z[_0-9]*]](
//       CHECK: __local int16* _s0_online_attention_state
//       CHECK: int _s0_online_attention_s0_b___block_id_z = get_group_id(2);
//       CHECK: int _s0_online_attention_s0_h___block_id_y = get_group_id(1);
//       CHECK: int _s0_online_attention_s0_n_t___block_id_x = get_group_id(0);
//       CHECK: // produce s0_online_attention_state
//       CHECK: int [[ROW0:_[0-9]+]] = _s0_online_attention_s0_n_t___block_id_x * 16;
//       CHECK: int [[LAST:_[0-9]+]] = min([[ROW0]], 284);
// 19 KV tiles of 16 keys; tile rb is visited iff rb*16 - 15 <= min(16t, 284),
// i.e. its first key is at most the query tile's last row min(16t + 15, 299).
//       CHECK: for (int [[RB:_s0_online_attention_state_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 19; [[RB]]++)
//  CHECK-NEXT: {
//  CHECK-NEXT: int [[K0:_[0-9]+]] = [[RB]] * 16;
//  CHECK-NEXT: int [[K1:_[0-9]+]] = [[K0]] + -15;
//  CHECK-NEXT: bool [[VISIBLE:_[0-9]+]] = [[K1]] <= [[LAST]];
//  CHECK-NEXT: if ([[VISIBLE]])
//       CHECK: // produce s0_online_attention_keyTile
//       CHECK: ((__local float *)
//       CHECK: barrier(0 | CLK_LOCAL_MEM_FENCE);
//       CHECK: // produce s0_online_attention_score
//       CHECK: barrier(
//       CHECK: // produce s0_online_attention_blockmax
//       CHECK: // produce s0_online_attention_prob
//       CHECK: // produce s0_online_attention_blocksum
//       CHECK: // produce s0_online_attention_valueTile
//       CHECK: barrier(0 | CLK_LOCAL_MEM_FENCE);
//       CHECK: // produce s0_online_attention_pv
//       CHECK: } // for [[RB]]
//   CHECK-NOT: allocate
// 19 query tiles x 2 heads x 1 batch blocks of 32 x 16 threads, a fixed
// amount of local memory.
//       CHECK: halide_opencl_run(opencl[0], "[[KERNEL]]", 19, 2, 1, 32, 16, 1, 0 + ({{[0-9]+}}*4),
func.func @causal(%q: tensor<1x2x300x64xf32>, %k: tensor<1x2x300x64xf32>,
                  %v: tensor<1x2x300x64xf32>) -> tensor<1x2x300x64xf32> {
  %o = attn.attention %q, %k, %v causal(top_left)
      : tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>,
        tensor<1x2x300x64xf32> -> tensor<1x2x300x64xf32>
  return %o : tensor<1x2x300x64xf32>
}

// A window of 64 keys to the left: the tile loop starts at the tile of the
// query tile's first key (an offset added to rb) and stops after its last.
// CHECK-LABEL: // attn-compile: function @window
//       CHECK: __kernel void [[KERNEL:_kernel_s0_online_attention[_0-9]*_s0_b___block_id_z[_0-9]*]](
//       CHECK: for (int [[RB:_s0_online_attention_state[_0-9]*_s1_s0_online_attention_rb__x]] = 0; [[RB]] < 0 + 32; [[RB]]++)
//  CHECK-NEXT: {
//  CHECK-NEXT: int [[TILE:_[0-9]+]] = [[RB]] + _{{[0-9]+}};
//  CHECK-NEXT: int [[K0:_[0-9]+]] = [[TILE]] * 16;
//  CHECK-NEXT: int [[K1:_[0-9]+]] = [[K0]] + -79;
// The offset makes Halide size the tiles' local memory on the host (one
// int32 per stage), still with no float allocation outside the kernel.
//   CHECK-NOT: allocate {{.*}}float32
//       CHECK: halide_opencl_run(opencl[0], "[[KERNEL]]", 32, 4, 2, 32, 16, 1, 0 + ({{.+}}*4),
func.func @window(%q: tensor<2x4x500x40xf32>, %k: tensor<2x2x500x40xf32>,
                  %v: tensor<2x2x500x40xf32>) -> tensor<2x4x500x40xf32> {
  %o = attn.attention %q, %k, %v window <left = 64, right = 0>
      : tensor<2x4x500x40xf32>, tensor<2x2x500x40xf32>,
        tensor<2x2x500x40xf32> -> tensor<2x4x500x40xf32>
  return %o : tensor<2x4x500x40xf32>
}
