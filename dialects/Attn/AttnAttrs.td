//===- AttnAttrs.td - attn dialect attributes --------------*- tablegen -*-===//

#ifndef ATTN_ATTRS_TD
#define ATTN_ATTRS_TD

include "AttnDialect.td"
include "mlir/IR/AttrTypeBase.td"

def Attn_TilingAttr : AttrDef<Attn_Dialect, "Tiling"> {
  let mnemonic = "tiling";
  let summary = "tile sizes and KV partitioning of one attention op";
  let description = [{
    Written by `--attn-tile`, read by `--attn-online-softmax` and the code
    generator:

    - `query_tile`: query rows per parallel task;
    - `kv_tile`: keys per online-softmax block; a `kv_tile` covering all keys
      is the two-pass form (the tile's scores are kept whole);
    - `kv_splits`: key ranges computed in parallel and merged exactly
      (split-KV decoding); 1 otherwise.

    ```mlir
    #attn.tiling<query_tile = 64, kv_tile = 512, kv_splits = 1>
    ```
  }];
  let parameters = (ins "int64_t":$queryTile, "int64_t":$kvTile,
                        "int64_t":$kvSplits);
  let assemblyFormat = [{
    `<` `query_tile` `=` $queryTile `,` `kv_tile` `=` $kvTile `,`
        `kv_splits` `=` $kvSplits `>`
  }];
  let genVerifyDecl = 1;
}

def Attn_WindowAttr : AttrDef<Attn_Dialect, "Window"> {
  let mnemonic = "window";
  let summary = "a sliding window of keys around each query's diagonal";
  let description = [{
    Query `i` keeps key `j` when `d - left <= j <= d + right`, where
    `d = i + (M - N)` under `causal(bottom_right)` and `d = i` otherwise.
    Both extents are at least 0; with `causal` the keys after `d` are
    dropped as well (so `right` does not matter). A `dilation` δ > 1 keeps
    only every δ-th key of the window, those with `(d - j) mod δ = 0`
    (dilated sliding window, as in Longformer); it is printed only when
    it is not 1.

    ```mlir
    #attn.window<left = 256, right = 0>
    #attn.window<left = 512, right = 0, dilation = 2>
    ```
  }];
  let parameters = (ins "int64_t":$left, "int64_t":$right,
                        DefaultValuedParameter<"int64_t", "1">:$dilation);
  let assemblyFormat = [{
    `<` `left` `=` $left `,` `right` `=` $right
        (`,` `dilation` `=` $dilation^)? `>`
  }];
  let builders = [
    AttrBuilder<(ins "int64_t":$left, "int64_t":$right), [{
      return $_get($_ctxt, left, right, 1);
    }]>
  ];
  let genVerifyDecl = 1;
}

def Attn_BlockLayoutAttr : AttrDef<Attn_Dialect, "BlockLayout"> {
  let mnemonic = "block_layout";
  let summary = "a block-sparse layout: which blocks of the scores are kept";
  let description = [{
    The scores are cut into blocks of `query_block` rows × `key_block` keys;
    `layout` (`i1`) says which blocks are kept: query `i` keeps key `j` when
    `layout[i / query_block, j / key_block]` is true. Its shape is
    `[ceil(N / query_block), ceil(M / key_block)]`, or with a leading
    dimension of `Hq` (or 1) for one layout per query head. Longformer and
    BigBird layouts (global tokens, a window of blocks, random blocks) are
    such tables.

    ```mlir
    #attn.block_layout<query_block = 64, key_block = 64,
                       layout = dense<[[true, false], [true, true]]> : tensor<2x2xi1>>
    ```
  }];
  let parameters = (ins "int64_t":$queryBlock, "int64_t":$keyBlock,
                        "DenseElementsAttr":$layout);
  let assemblyFormat = [{
    `<` `query_block` `=` $queryBlock `,` `key_block` `=` $keyBlock `,`
        `layout` `=` $layout `>`
  }];
  let genVerifyDecl = 1;
}

#endif // ATTN_ATTRS_TD
