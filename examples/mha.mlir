// Multi-head causal self-attention block (GPT-style), batch 1, sequence 128,
// model width 512, 8 heads of 64:
//
//   q, k, v = x·Wqᵀ + bq, x·Wkᵀ + bk, x·Wvᵀ + bv        [1, 128, 512]
//   split into heads                                    [1, 8, 128, 64]
//   o = softmax(q·kᵀ / sqrt(64) + causal) · v           [1, 8, 128, 64]
//   y = merge_heads(o)·Woᵀ + bo                         [1, 128, 512]
//
// Weights follow torch.nn.Linear: W is [out_features, in_features].
//
//   attn-opt examples/mha.mlir
//   attn-compile examples/mha.mlir -o build/examples/libmha.so
//   (or: bash scripts/demo.sh)

func.func @mha(%x: tensor<1x128x512xf32> {attn.name = "x"},
               %wq: tensor<512x512xf32> {attn.name = "wq"},
               %bq: tensor<512xf32> {attn.name = "bq"},
               %wk: tensor<512x512xf32> {attn.name = "wk"},
               %bk: tensor<512xf32> {attn.name = "bk"},
               %wv: tensor<512x512xf32> {attn.name = "wv"},
               %bv: tensor<512xf32> {attn.name = "bv"},
               %wo: tensor<512x512xf32> {attn.name = "wo"},
               %bo: tensor<512xf32> {attn.name = "bo"})
    -> (tensor<1x128x512xf32> {attn.name = "y"}) {
  // Projections.
  %q = attn.linear %x, %wq bias(%bq : tensor<512xf32>)
      : tensor<1x128x512xf32>, tensor<512x512xf32> -> tensor<1x128x512xf32>
  %k = attn.linear %x, %wk bias(%bk : tensor<512xf32>)
      : tensor<1x128x512xf32>, tensor<512x512xf32> -> tensor<1x128x512xf32>
  %v = attn.linear %x, %wv bias(%bv : tensor<512xf32>)
      : tensor<1x128x512xf32>, tensor<512x512xf32> -> tensor<1x128x512xf32>

  // [B, N, H·D] -> [B, H, N, D].
  %qh = attn.split_heads %q : tensor<1x128x512xf32> -> tensor<1x8x128x64xf32>
  %kh = attn.split_heads %k : tensor<1x128x512xf32> -> tensor<1x8x128x64xf32>
  %vh = attn.split_heads %v : tensor<1x128x512xf32> -> tensor<1x8x128x64xf32>

  // Causal attention; the scale defaults to 1/sqrt(64).
  %oh = attn.attention %qh, %kh, %vh causal(top_left)
      : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>,
        tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>

  // [B, H, N, D] -> [B, N, H·D], then the output projection.
  %o = attn.merge_heads %oh : tensor<1x8x128x64xf32> -> tensor<1x128x512xf32>
  %y = attn.linear %o, %wo bias(%bo : tensor<512xf32>)
      : tensor<1x128x512xf32>, tensor<512x512xf32> -> tensor<1x128x512xf32>
  return %y : tensor<1x128x512xf32>
}
