// A ViT-style encoder block's self-attention, in TOSA as torch-mlir emits
// scaled_dot_product_attention (batch 2, 17 tokens = 16 patches + [CLS],
// width 48, 3 heads of 16, no mask):
//
//   q, k, v = x·Wqᵀ + bq, x·Wkᵀ + bk, x·Wvᵀ + bv        [2, 17, 48]
//   split into heads                                    [2, 3, 17, 16]
//   o = softmax(q·kᵀ * 1/sqrt(16))·v                    [2, 3, 17, 16]
//   y = x + merge_heads(o)·Woᵀ + bo                     [2, 17, 48]
//
// The layer norms and the MLP are left out (they do not raise to attn ops).
//
//   attn-opt examples/tosa/vit_block.mlir --attn-raise --canonicalize --attn-fuse
//   attn-compile examples/tosa/vit_block.mlir -o build/examples/libvit_block.so

func.func @vit_block(%x: tensor<2x17x48xf32> {attn.name = "x"},
                    %wq: tensor<48x48xf32> {attn.name = "wq"},
                    %bq: tensor<48xf32> {attn.name = "bq"},
                    %wk: tensor<48x48xf32> {attn.name = "wk"},
                    %bk: tensor<48xf32> {attn.name = "bk"},
                    %wv: tensor<48x48xf32> {attn.name = "wv"},
                    %bv: tensor<48xf32> {attn.name = "bv"},
                    %wo: tensor<48x48xf32> {attn.name = "wo"},
                    %bo: tensor<48xf32> {attn.name = "bo"})
    -> (tensor<2x17x48xf32> {attn.name = "y"}) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rows = tosa.const_shape {values = dense<[1, 34, 48]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %weight = tosa.const_shape {values = dense<[1, 48, 48]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %tokens = tosa.const_shape {values = dense<[2, 17, 48]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %bias = tosa.const_shape {values = dense<[1, 1, 48]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %heads = tosa.const_shape {values = dense<[2, 17, 3, 16]> : tensor<4xindex>} : () -> !tosa.shape<4>

  // q = x·wqᵀ + bq (torch.nn.Linear: the weight is [out, in])
  %q_wt = tosa.transpose %wq {perms = array<i32: 1, 0>} : (tensor<48x48xf32>) -> tensor<48x48xf32>
  %q_wt3 = tosa.reshape %q_wt, %weight : (tensor<48x48xf32>, !tosa.shape<3>) -> tensor<1x48x48xf32>
  %q_x3 = tosa.reshape %x, %rows : (tensor<2x17x48xf32>, !tosa.shape<3>) -> tensor<1x34x48xf32>
  %q_mm = tosa.matmul %q_x3, %q_wt3, %zp, %zp : (tensor<1x34x48xf32>, tensor<1x48x48xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x34x48xf32>
  %q_y = tosa.reshape %q_mm, %tokens : (tensor<1x34x48xf32>, !tosa.shape<3>) -> tensor<2x17x48xf32>
  %q_b3 = tosa.reshape %bq, %bias : (tensor<48xf32>, !tosa.shape<3>) -> tensor<1x1x48xf32>
  %q = tosa.add %q_y, %q_b3 : (tensor<2x17x48xf32>, tensor<1x1x48xf32>) -> tensor<2x17x48xf32>

  // k = x·wkᵀ + bk (torch.nn.Linear: the weight is [out, in])
  %k_wt = tosa.transpose %wk {perms = array<i32: 1, 0>} : (tensor<48x48xf32>) -> tensor<48x48xf32>
  %k_wt3 = tosa.reshape %k_wt, %weight : (tensor<48x48xf32>, !tosa.shape<3>) -> tensor<1x48x48xf32>
  %k_x3 = tosa.reshape %x, %rows : (tensor<2x17x48xf32>, !tosa.shape<3>) -> tensor<1x34x48xf32>
  %k_mm = tosa.matmul %k_x3, %k_wt3, %zp, %zp : (tensor<1x34x48xf32>, tensor<1x48x48xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x34x48xf32>
  %k_y = tosa.reshape %k_mm, %tokens : (tensor<1x34x48xf32>, !tosa.shape<3>) -> tensor<2x17x48xf32>
  %k_b3 = tosa.reshape %bk, %bias : (tensor<48xf32>, !tosa.shape<3>) -> tensor<1x1x48xf32>
  %k = tosa.add %k_y, %k_b3 : (tensor<2x17x48xf32>, tensor<1x1x48xf32>) -> tensor<2x17x48xf32>

  // v = x·wvᵀ + bv (torch.nn.Linear: the weight is [out, in])
  %v_wt = tosa.transpose %wv {perms = array<i32: 1, 0>} : (tensor<48x48xf32>) -> tensor<48x48xf32>
  %v_wt3 = tosa.reshape %v_wt, %weight : (tensor<48x48xf32>, !tosa.shape<3>) -> tensor<1x48x48xf32>
  %v_x3 = tosa.reshape %x, %rows : (tensor<2x17x48xf32>, !tosa.shape<3>) -> tensor<1x34x48xf32>
  %v_mm = tosa.matmul %v_x3, %v_wt3, %zp, %zp : (tensor<1x34x48xf32>, tensor<1x48x48xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x34x48xf32>
  %v_y = tosa.reshape %v_mm, %tokens : (tensor<1x34x48xf32>, !tosa.shape<3>) -> tensor<2x17x48xf32>
  %v_b3 = tosa.reshape %bv, %bias : (tensor<48xf32>, !tosa.shape<3>) -> tensor<1x1x48xf32>
  %v = tosa.add %v_y, %v_b3 : (tensor<2x17x48xf32>, tensor<1x1x48xf32>) -> tensor<2x17x48xf32>

  // Split heads: [B, N, H*D] -> [B, N, H, D] -> [B, H, N, D].
  %qh_4 = tosa.reshape %q, %heads : (tensor<2x17x48xf32>, !tosa.shape<4>) -> tensor<2x17x3x16xf32>
  %qh = tosa.transpose %qh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x17x3x16xf32>) -> tensor<2x3x17x16xf32>
  %kh_4 = tosa.reshape %k, %heads : (tensor<2x17x48xf32>, !tosa.shape<4>) -> tensor<2x17x3x16xf32>
  %kh = tosa.transpose %kh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x17x3x16xf32>) -> tensor<2x3x17x16xf32>
  %vh_4 = tosa.reshape %v, %heads : (tensor<2x17x48xf32>, !tosa.shape<4>) -> tensor<2x17x3x16xf32>
  %vh = tosa.transpose %vh_4 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x17x3x16xf32>) -> tensor<2x3x17x16xf32>

  // Scores S = Q·Kᵀ, the [B, H] batch flattened around the rank-3 matmul.
  %qkv3 = tosa.const_shape {values = dense<[6, 17, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %keys_t3 = tosa.const_shape {values = dense<[6, 16, 17]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %scores = tosa.const_shape {values = dense<[2, 3, 17, 17]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %probs3 = tosa.const_shape {values = dense<[6, 17, 17]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %out4 = tosa.const_shape {values = dense<[2, 3, 17, 16]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %kh {perms = array<i32: 0, 1, 3, 2>} : (tensor<2x3x17x16xf32>) -> tensor<2x3x16x17xf32>
  %q3 = tosa.reshape %qh, %qkv3 : (tensor<2x3x17x16xf32>, !tosa.shape<3>) -> tensor<6x17x16xf32>
  %kt3 = tosa.reshape %kt, %keys_t3 : (tensor<2x3x16x17xf32>, !tosa.shape<3>) -> tensor<6x16x17xf32>
  %s3 = tosa.matmul %q3, %kt3, %zp, %zp : (tensor<6x17x16xf32>, tensor<6x16x17xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<6x17x17xf32>
  %s = tosa.reshape %s3, %scores : (tensor<6x17x17xf32>, !tosa.shape<4>) -> tensor<2x3x17x17xf32>

  // S * 1/sqrt(16).
  %scale = "tosa.const"() <{values = dense<2.500000000e-01> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t = tosa.mul %s, %scale, %shift : (tensor<2x3x17x17xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<2x3x17x17xf32>

  // P = softmax(scores, -1).
  %max = tosa.reduce_max %t {axis = 3 : i32} : (tensor<2x3x17x17xf32>) -> tensor<2x3x17x1xf32>
  %d = tosa.sub %t, %max : (tensor<2x3x17x17xf32>, tensor<2x3x17x1xf32>) -> tensor<2x3x17x17xf32>
  %e = tosa.exp %d : (tensor<2x3x17x17xf32>) -> tensor<2x3x17x17xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<2x3x17x17xf32>) -> tensor<2x3x17x1xf32>
  %r = tosa.reciprocal %sum : (tensor<2x3x17x1xf32>) -> tensor<2x3x17x1xf32>
  %p = tosa.mul %e, %r, %shift : (tensor<2x3x17x17xf32>, tensor<2x3x17x1xf32>, tensor<1xi8>) -> tensor<2x3x17x17xf32>

  // O = P·V.
  %p3 = tosa.reshape %p, %probs3 : (tensor<2x3x17x17xf32>, !tosa.shape<3>) -> tensor<6x17x17xf32>
  %v3 = tosa.reshape %vh, %qkv3 : (tensor<2x3x17x16xf32>, !tosa.shape<3>) -> tensor<6x17x16xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<6x17x17xf32>, tensor<6x17x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<6x17x16xf32>
  %o = tosa.reshape %o3, %out4 : (tensor<6x17x16xf32>, !tosa.shape<4>) -> tensor<2x3x17x16xf32>

  // Merge heads: [B, H, N, D] -> [B, N, H, D] -> [B, N, H*D].
  %ot = tosa.transpose %o {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x17x16xf32>) -> tensor<2x17x3x16xf32>
  %om = tosa.reshape %ot, %tokens : (tensor<2x17x3x16xf32>, !tosa.shape<3>) -> tensor<2x17x48xf32>

  // a = om·woᵀ + bo (torch.nn.Linear: the weight is [out, in])
  %a_wt = tosa.transpose %wo {perms = array<i32: 1, 0>} : (tensor<48x48xf32>) -> tensor<48x48xf32>
  %a_wt3 = tosa.reshape %a_wt, %weight : (tensor<48x48xf32>, !tosa.shape<3>) -> tensor<1x48x48xf32>
  %a_x3 = tosa.reshape %om, %rows : (tensor<2x17x48xf32>, !tosa.shape<3>) -> tensor<1x34x48xf32>
  %a_mm = tosa.matmul %a_x3, %a_wt3, %zp, %zp : (tensor<1x34x48xf32>, tensor<1x48x48xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x34x48xf32>
  %a_y = tosa.reshape %a_mm, %tokens : (tensor<1x34x48xf32>, !tosa.shape<3>) -> tensor<2x17x48xf32>
  %a_b3 = tosa.reshape %bo, %bias : (tensor<48xf32>, !tosa.shape<3>) -> tensor<1x1x48xf32>
  %a = tosa.add %a_y, %a_b3 : (tensor<2x17x48xf32>, tensor<1x1x48xf32>) -> tensor<2x17x48xf32>

  // Residual connection.
  %y = tosa.add %x, %a : (tensor<2x17x48xf32>, tensor<2x17x48xf32>) -> tensor<2x17x48xf32>
  return %y : tensor<2x17x48xf32>
}
