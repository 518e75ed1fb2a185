// One GPU attention for attention-cuda-ptxas.mlir: decode over 4096 keys
// with an additive mask per batch.
func.func @additive_decode(%q: tensor<4x16x1x128xf32>, %k: tensor<4x16x4096x128xf32>,
                           %v: tensor<4x16x4096x128xf32>, %m: tensor<4x1x1x4096xf32>)
    -> tensor<4x16x1x128xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<4x1x1x4096xf32>)
      : tensor<4x16x1x128xf32>, tensor<4x16x4096x128xf32>,
        tensor<4x16x4096x128xf32> -> tensor<4x16x1x128xf32>
  return %o : tensor<4x16x1x128xf32>
}
