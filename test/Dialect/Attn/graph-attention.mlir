// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Round trip of attn.graph_attention: both neighbourhood forms and every
// optional clause. Default values (negative_slope 0.2, heads(concat)) are
// not printed; each CHECK matches the op through its type list, so a clause
// that is dropped or invented on the way fails.

// CHECK-LABEL: func.func @dense_defaults
//  CHECK-SAME:   (%[[H:.+]]: tensor<7x5xf32>, %[[W:.+]]: tensor<3x5x13xf32>, %[[AS:.+]]: tensor<3x13xf32>, %[[AD:.+]]: tensor<3x13xf32>, %[[ADJ:.+]]: tensor<7x7xi1>)
//       CHECK:   %[[R:.+]] = attn.graph_attention %[[H]], %[[W]], %[[AS]], %[[AD]] adjacency(%[[ADJ]] : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
//       CHECK:   return %[[R]]
func.func @dense_defaults(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// CHECK-LABEL: func.func @dense_mean_slope
//       CHECK:   attn.graph_attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} adjacency(%{{.+}} : tensor<7x7xi1>) negative_slope(1.000000e-01) heads(mean) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x13xf32>
func.func @dense_mean_slope(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x13xf32> {
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) negative_slope(0.1) heads(mean) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}

// CHECK-LABEL: func.func @csr_defaults
//  CHECK-SAME:   %[[RP:[^:]+]]: tensor<8xi32>, %[[CI:[^:]+]]: tensor<20xi32>
//       CHECK:   attn.graph_attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} csr(%[[RP]], %[[CI]] : tensor<8xi32>, tensor<20xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
func.func @csr_defaults(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<20xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// CHECK-LABEL: func.func @csr_mean
//       CHECK:   attn.graph_attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} csr(%{{.+}}, %{{.+}} : tensor<8xi32>, tensor<20xi32>) heads(mean) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x13xf32>
func.func @csr_mean(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<7x13xf32> {
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<20xi32>) heads(mean) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}

// Explicit defaults (slope 0.2, heads(concat)) are accepted and elided when
// printed; a non-default slope (negative too) is kept.
// CHECK-LABEL: func.func @csr_explicit_defaults
//       CHECK:   attn.graph_attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} csr(%{{.+}}, %{{.+}} : tensor<2xi32>, tensor<1xi32>) : tensor<1x5xf32>, tensor<1x5x5xf32>, tensor<1x5xf32>, tensor<1x5xf32> -> tensor<1x5xf32>
//       CHECK:   attn.graph_attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} csr(%{{.+}}, %{{.+}} : tensor<2xi32>, tensor<1xi32>) negative_slope(-5.000000e-01) : tensor<1x5xf32>, tensor<1x5x5xf32>, tensor<1x5xf32>, tensor<1x5xf32> -> tensor<1x5xf32>
func.func @csr_explicit_defaults(%h: tensor<1x5xf32>, %w: tensor<1x5x5xf32>, %as: tensor<1x5xf32>, %ad: tensor<1x5xf32>, %rp: tensor<2xi32>, %ci: tensor<1xi32>) -> (tensor<1x5xf32>, tensor<1x5xf32>) {
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<2xi32>, tensor<1xi32>) negative_slope(2.000000e-01) heads(concat) : tensor<1x5xf32>, tensor<1x5x5xf32>, tensor<1x5xf32>, tensor<1x5xf32> -> tensor<1x5xf32>
  %1 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<2xi32>, tensor<1xi32>) negative_slope(-0.5) heads(concat) : tensor<1x5xf32>, tensor<1x5x5xf32>, tensor<1x5xf32>, tensor<1x5xf32> -> tensor<1x5xf32>
  return %0, %1 : tensor<1x5xf32>, tensor<1x5xf32>
}
