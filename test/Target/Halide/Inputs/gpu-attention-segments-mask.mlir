// One GPU attention for attention-cuda-ptxas.mlir whose sparsity is known
// per call (segment ids and a bool mask, no causal bound): the library runs
// the tile table's own kernels before the attention's.
func.func @segments_mask(%q: tensor<2x4x100x64xf32>, %k: tensor<2x4x300x64xf32>,
                         %v: tensor<2x4x300x64xf32>, %qs: tensor<2x100xi32>,
                         %ks: tensor<2x300xi32>, %m: tensor<100x300xi1>)
    -> tensor<2x4x100x64xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<100x300xi1>)
      segments(%qs, %ks : tensor<2x100xi32>, tensor<2x300xi32>)
      : tensor<2x4x100x64xf32>, tensor<2x4x300x64xf32>,
        tensor<2x4x300x64xf32> -> tensor<2x4x100x64xf32>
  return %o : tensor<2x4x100x64xf32>
}
