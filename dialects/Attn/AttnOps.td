//===- AttnOps.td - attn dialect operations ----------------*- tablegen -*-===//

#ifndef ATTN_OPS_TD
#define ATTN_OPS_TD

include "AttnDialect.td"
include "AttnAttrs.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Attn_CausalAlignment : I32EnumAttr<"CausalAlignment",
    "which diagonal a causal mask keeps", [
      I32EnumAttrCase<"top_left", 0>,
      I32EnumAttrCase<"bottom_right", 1>
    ]> {
  let cppNamespace = "::mlir::attn";
}

def Attn_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "which GELU formula attn.gelu computes", [
      I32EnumAttrCase<"none", 0>,
      I32EnumAttrCase<"tanh", 1>
    ]> {
  let cppNamespace = "::mlir::attn";
}

//===----------------------------------------------------------------------===//
// Fused attention
//===----------------------------------------------------------------------===//

def Attn_AttentionOp : Attn_Op<"attention", [Pure]> {
  let summary = "scaled dot-product attention (PyTorch SDPA semantics)";
  let description = [{
    Computes `softmax(scale * Q Kᵀ + mask) V` per batch and head:

    - `query`: `[B, Hq, N, D]`, `key`: `[B, Hkv, M, D]`,
      `value`: `[B, Hkv, M, Dv]`, result: `[B, Hq, N, Dv]`.
    - `Hq` must be a multiple of `Hkv`; query head `h` reads key/value head
      `h / (Hq / Hkv)` (grouped-query and multi-query attention).
    - `scale` defaults to `1/sqrt(D)`.
    - `mask` is optional, of rank at most 4 and broadcastable (numpy rules)
      to `[B, Hq, N, M]`. An `i1` mask keeps the positions that are true; an
      `f32` mask is added to the scores (`-inf` masks a position; every value
      at or below `-1e30` counts as `-inf`).
    - `causal(top_left)` keeps key `j` for query `i` when `j <= i` (PyTorch's
      `is_causal=True`, `torch.tril`); `causal(bottom_right)` aligns the
      diagonal to the last key: it keeps `j <= i + (M - N)` (PyTorch's
      `causal_lower_right`). The two agree when `N == M`.
    - A query row whose keys are all masked yields zeros, never NaN.
    - `tiling` (written by `--attn-tile`) fixes the tile sizes; its
      `kv_tile` covers all keys here (the two-pass form): a smaller one is
      rewritten by `--attn-online-softmax` into `attn.online_attention`.

    Example:

    ```mlir
    %o = attn.attention %q, %k, %v causal(top_left)
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value, Optional<AnyRankedTensor>:$mask,
                   OptionalAttr<F32Attr>:$scale,
                   OptionalAttr<Attn_CausalAlignment>:$causal,
                   OptionalAttr<Attn_TilingAttr>:$tiling);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`scale` `(` $scale^ `)`)?
    (`causal` `(` $causal^ `)`)?
    (`tiling` $tiling^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }];
  let extraClassDeclaration = [{
    /// The scale applied to Q Kᵀ: the attribute, or 1/sqrt(D).
    float getEffectiveScale();
  }];
  let hasVerifier = 1;
}

def Attn_OnlineAttentionOp : Attn_Op<"online_attention",
    [Pure]> {
  let summary = "attention as running (acc, max, sum) triples over KV tiles";
  let description = [{
    The online-softmax form of `attn.attention` (same operands, scale, mask
    and causal semantics), produced by `--attn-online-softmax`. The keys of
    each of the `kv_splits` ranges are visited in blocks of `kv_tile`; per
    query row the op carries the running max `m`, the running sum `l` and
    the accumulator `acc`, each block's triple merging exactly:

    ```
    m' = max(m, m_b)
    l' = l·e^(m - m') + l_b·e^(m_b - m')
    acc' = acc·e^(m - m') + (P_b V_b)·e^(m_b - m')
    ```

    Results, one slice per KV split: `acc` `[S, B, Hq, N, Dv]` (unnormalized),
    `max` and `sum` `[S, B, Hq, N]`. `attn.online_finalize` merges the splits
    and divides by the sum.

    ```mlir
    %acc, %max, %sum = attn.online_attention %q, %k, %v
        tiling <query_tile = 1, kv_tile = 512, kv_splits = 4>
        : tensor<1x8x1x64xf32>, tensor<1x8x8192x64xf32>, tensor<1x8x8192x64xf32>
        -> tensor<4x1x8x1x64xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value, Optional<AnyRankedTensor>:$mask,
                   F32Attr:$scale,
                   OptionalAttr<Attn_CausalAlignment>:$causal,
                   Attn_TilingAttr:$tiling);
  let results = (outs AnyRankedTensor:$acc, AnyRankedTensor:$max,
                      AnyRankedTensor:$sum);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    `scale` `(` $scale `)`
    (`causal` `(` $causal^ `)`)?
    `tiling` $tiling
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->`
    type($acc) `,` type($max) `,` type($sum)
  }];
  let hasVerifier = 1;
}

def Attn_OnlineFinalizeOp : Attn_Op<"online_finalize", [Pure]> {
  let summary = "merges the KV splits of an online attention and normalizes";
  let description = [{
    Merges the `S` partial triples with the same exact rule and returns
    `acc / sum` (`[B, Hq, N, Dv]`); a row whose sum is 0 (all keys masked)
    yields zeros.

    ```mlir
    %o = attn.online_finalize %acc, %max, %sum
        : tensor<4x1x8x1x64xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>
        -> tensor<1x8x1x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$acc, AnyRankedTensor:$max,
                   AnyRankedTensor:$sum);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $acc `,` $max `,` $sum attr-dict `:` type($acc) `,` type($max) `,`
    type($sum) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_MultiHeadAttentionOp : Attn_Op<"multi_head_attention",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "multi-head attention with its Q/K/V/O projections";
  let description = [{
    `torch.nn.MultiheadAttention`'s math as one op, so that later stages see
    the projections next to the attention they feed:

    ```
    Qh = split_heads(query·Wqᵀ + bq, H)      [B, H,   N, D]
    Kh = split_heads(key·Wkᵀ + bk, Hkv)      [B, Hkv, M, D]
    Vh = split_heads(value·Wvᵀ + bv, Hkv)    [B, Hkv, M, Dv]
    result = merge_heads(attention(Qh, Kh, Vh, mask, scale, causal))·Woᵀ + bo
    ```

    - `query` `[B, N, Eq]`, `key` `[B, M, Ek]`, `value` `[B, M, Ev]` (the
      same value for self-attention; `key` and `value` from an encoder for
      cross-attention), result `[B, N, Eo]`.
    - `heads(H)` or `heads(H, Hkv)` (grouped-query: `H` a multiple of `Hkv`,
      default `Hkv = H`). Weights in `torch.nn.Linear`'s `[out, in]` layout:
      `Wq` `[H·D, Eq]`, `Wk` `[Hkv·D, Ek]`, `Wv` `[Hkv·Dv, Ev]`, `Wo`
      `[Eo, H·Dv]`; each bias (optional) has its weight's row count.
    - `mask`, `scale` (default `1/sqrt(D)`), `causal` and `tiling` mean what
      they mean on `attn.attention`, for the per-head attention; the mask
      broadcasts to `[B, H, N, M]`. A `tiling` whose `kv_tile` is smaller
      than `M` asks for the online form over KV tiles.

    `--attn-fuse` forms it from `attn.linear` → `attn.split_heads` →
    `attn.attention` → `attn.merge_heads` → `attn.linear` when every
    intermediate has that single use.

    ```mlir
    %y = attn.multi_head_attention %x, %x, %x heads(8, 2)
        q_proj(%wq : tensor<512x512xf32> bias %bq : tensor<512xf32>)
        k_proj(%wk : tensor<128x512xf32> bias %bk : tensor<128xf32>)
        v_proj(%wv : tensor<128x512xf32> bias %bv : tensor<128xf32>)
        o_proj(%wo : tensor<512x512xf32> bias %bo : tensor<512xf32>)
        causal(top_left)
        : tensor<2x128x512xf32>, tensor<2x128x512xf32>, tensor<2x128x512xf32>
        -> tensor<2x128x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value,
                   AnyRankedTensor:$q_weight, Optional<AnyRankedTensor>:$q_bias,
                   AnyRankedTensor:$k_weight, Optional<AnyRankedTensor>:$k_bias,
                   AnyRankedTensor:$v_weight, Optional<AnyRankedTensor>:$v_bias,
                   AnyRankedTensor:$o_weight, Optional<AnyRankedTensor>:$o_bias,
                   Optional<AnyRankedTensor>:$mask,
                   I64Attr:$num_heads, OptionalAttr<I64Attr>:$num_kv_heads,
                   OptionalAttr<F32Attr>:$scale,
                   OptionalAttr<Attn_CausalAlignment>:$causal,
                   OptionalAttr<Attn_TilingAttr>:$tiling);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    `heads` `(` $num_heads (`,` $num_kv_heads^)? `)`
    `q_proj` `(` $q_weight `:` type($q_weight)
                 (`bias` $q_bias^ `:` type($q_bias))? `)`
    `k_proj` `(` $k_weight `:` type($k_weight)
                 (`bias` $k_bias^ `:` type($k_bias))? `)`
    `v_proj` `(` $v_weight `:` type($v_weight)
                 (`bias` $v_bias^ `:` type($v_bias))? `)`
    `o_proj` `(` $o_weight `:` type($o_weight)
                 (`bias` $o_bias^ `:` type($o_bias))? `)`
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`scale` `(` $scale^ `)`)?
    (`causal` `(` $causal^ `)`)?
    (`tiling` $tiling^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }];
  let extraClassDeclaration = [{
    /// Hkv: the attribute, or the query head count.
    int64_t getKvHeads();
    /// D: the query/key head dim, Wq's rows over the head count.
    int64_t getHeadDim();
    /// Dv: the value head dim, Wv's rows over the key/value head count.
    int64_t getValueHeadDim();
    /// The per-head attention operands' shapes, [B, H, N, D], [B, Hkv, M, D]
    /// and [B, Hkv, M, Dv].
    SmallVector<int64_t> getQueryHeadsShape();
    SmallVector<int64_t> getKeyHeadsShape();
    SmallVector<int64_t> getValueHeadsShape();
    /// The scale applied to Q Kᵀ: the attribute, or 1/sqrt(D).
    float getEffectiveScale();
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Graph ops
//===----------------------------------------------------------------------===//

def Attn_MatmulOp : Attn_Op<"matmul", [Pure]> {
  let summary = "(batched) matrix product with optional transposes";
  let description = [{
    `lhs` is `[..., M, K]` (`[..., K, M]` with `transpose_lhs`), `rhs` is
    `[..., K, N]` (`[..., N, K]` with `transpose_rhs`); the result is
    `[..., M, N]`. Leading (batch) dimensions broadcast as in numpy.

    ```mlir
    %s = attn.matmul %q, %k transpose_rhs
        : tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32> -> tensor<2x8x16x32xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
                   UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`transpose_lhs` $transpose_lhs^)? (`transpose_rhs` $transpose_rhs^)?
    attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
  // An operand that is attn.transpose of its last two dims becomes a flag.
  let hasCanonicalizer = 1;
}

def Attn_ScaleOp : Attn_Op<"scale",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "multiplies a tensor by a constant";
  let description = [{
    ```mlir
    %y = attn.scale %x by 1.250000e-01 : tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$factor);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `by` $factor attr-dict `:` type($input)";
  let hasVerifier = 1;
  // Scaling by 1 folds away; a scale of a scale multiplies the factors.
  let hasFolder = 1;
}

def Attn_AddOp : Attn_Op<"add", [Pure]> {
  let summary = "elementwise sum with numpy broadcasting";
  let description = [{
    Adds a bias (an additive mask, ALiBi, a projection bias) to a tensor;
    the operand shapes broadcast as in numpy to the result shape.

    ```mlir
    %y = attn.add %s, %bias : tensor<2x8x16x16xf32>, tensor<16x16xf32> -> tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_MaskOp : Attn_Op<"mask",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "applies a boolean or additive mask to scores";
  let description = [{
    With an `i1` mask, keeps the scores where the mask is true and sets the
    others to `-inf`; with an `f32` mask, adds it. The mask broadcasts to the
    scores as in numpy.

    ```mlir
    %y = attn.mask %s, %m : tensor<2x8x16x16xf32>, tensor<16x16xi1>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$mask);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $mask attr-dict `:` type($input) `,` type($mask)
  }];
  let hasVerifier = 1;
}

def Attn_SoftmaxOp : Attn_Op<"softmax",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "softmax along one axis";
  let description = [{
    `exp(x - max) / sum(exp(x - max))` along `axis` (negative counts from the
    end). Values at or below `-1e30` count as `-inf`; a slice that is all
    `-inf` yields zeros.

    ```mlir
    %p = attn.softmax %s axis(3) : tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `axis` `(` $axis `)` attr-dict `:` type($input)";
  let extraClassDeclaration = [{
    /// The axis in [0, rank).
    int64_t getNormalizedAxis();
  }];
  let hasVerifier = 1;
}

def Attn_LinearOp : Attn_Op<"linear", [Pure]> {
  let summary = "linear projection x·Wᵀ + b (torch.nn.functional.linear)";
  let description = [{
    `input` is `[..., K]`, `weight` is `[Nout, K]`, the optional `bias` is
    `[Nout]`; the result is `[..., Nout]`.

    ```mlir
    %y = attn.linear %x, %w bias(%b : tensor<512xf32>)
        : tensor<2x16x256xf32>, tensor<512x256xf32> -> tensor<2x16x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                   Optional<AnyRankedTensor>:$bias);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `:` type($bias) `)`)?
    attr-dict `:` type($input) `,` type($weight) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_SplitHeadsOp : Attn_Op<"split_heads", [Pure]> {
  let summary = "[B, N, H·D] -> [B, H, N, D]";
  let description = [{
    Splits the last dimension into heads and moves the head dimension before
    the sequence dimension; the head count is the result's dimension 1.

    ```mlir
    %h = attn.split_heads %x : tensor<2x16x512xf32> -> tensor<2x8x16x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Attn_MergeHeadsOp : Attn_Op<"merge_heads", [Pure]> {
  let summary = "[B, H, N, D] -> [B, N, H·D]";
  let description = [{
    The inverse of `attn.split_heads`.

    ```mlir
    %x = attn.merge_heads %h : tensor<2x8x16x64xf32> -> tensor<2x16x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Attn_TransposeOp : Attn_Op<"transpose", [Pure]> {
  let summary = "permutes dimensions";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`. Works on `f32`
    and `i1` (masks) tensors.

    ```mlir
    %t = attn.transpose %x permutation [0, 2, 1, 3]
        : tensor<2x16x8x64xf32> -> tensor<2x8x16x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `permutation` $permutation attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  // The identity folds away; a transpose of a transpose composes.
  let hasFolder = 1;
}

def Attn_ReshapeOp : Attn_Op<"reshape", [Pure]> {
  let summary = "reinterprets a row-major tensor with another shape";
  let description = [{
    Works on `f32` and `i1` (masks) tensors.

    ```mlir
    %r = attn.reshape %x : tensor<2x16x512xf32> -> tensor<2x16x8x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  // The identity folds away; a reshape of a reshape is one reshape.
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Transformer block ops: normalization, activation, slicing
//===----------------------------------------------------------------------===//

def Attn_LayerNormOp : Attn_Op<"layer_norm",
    [Pure, AttrSizedOperandSegments, AllTypesMatch<["input", "result"]>]> {
  let summary = "layer normalization over the last dimension";
  let description = [{
    `torch.nn.functional.layer_norm(x, [E], weight, bias, eps)`: every row
    (the last dimension, `E` elements) is centered and scaled to unit
    variance, then multiplied by `weight` and shifted by `bias`:

    ```
    mean = Σ_j x[..., j] / E
    var  = Σ_j (x[..., j] - mean)² / E          (biased, as PyTorch's)
    y[..., j] = (x[..., j] - mean) / sqrt(var + eps) · weight[j] + bias[j]
    ```

    - `input` `[..., E]` (rank 1 or more), result of the same type;
    - `weight` and `bias` (each optional, 1 and 0 when absent) `[E]`;
    - `eps` finite and non-negative.

    ```mlir
    %y = attn.layer_norm %x weight(%w : tensor<768xf32>)
        bias(%b : tensor<768xf32>) eps(9.99999974E-6) : tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                   Optional<AnyRankedTensor>:$weight,
                   Optional<AnyRankedTensor>:$bias, F32Attr:$eps);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input (`weight` `(` $weight^ `:` type($weight) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    `eps` `(` $eps `)` attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def Attn_GeluOp : Attn_Op<"gelu",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "the GELU activation, exact or with the tanh approximation";
  let description = [{
    `torch.nn.functional.gelu(x, approximate=...)`, elementwise:

    ```
    none:  y = 0.5 · x · (1 + erf(x / sqrt(2)))
    tanh:  y = 0.5 · x · (1 + tanh(sqrt(2/π) · (x + 0.044715 · x³)))
    ```

    `tanh` is GPT-2's `gelu_new` (Hugging Face's `NewGELUActivation`).

    ```mlir
    %y = attn.gelu %x approximate(tanh) : tensor<1x128x3072xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                   Attn_GeluApproximation:$approximate);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `approximate` `(` $approximate `)` attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def Attn_SliceOp : Attn_Op<"slice", [Pure]> {
  let summary = "a static, unit-stride box of a tensor";
  let description = [{
    `result[i0, i1, ...] = input[offsets[0] + i0, offsets[1] + i1, ...]`;
    the result type gives the sizes. The ranks are equal, and every box
    lies inside the input (`offsets[d] + sizes[d] <= input dim d`). Works
    on `f32` and `i1` tensors.

    GPT-2's `c_attn(x).split(E, dim=2)` is three slices of the feature
    dimension:

    ```mlir
    %k = attn.slice %qkv offsets [0, 0, 768]
        : tensor<1x128x2304xf32> -> tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$offsets);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `offsets` $offsets attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  // The whole tensor folds away; a slice of a slice is one slice.
  let hasFolder = 1;
}

#endif // ATTN_OPS_TD
