//===- attn-opt.cpp - mlir-opt for the attn dialect -----------------------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"
#include "attn/InitAllDialects.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::attn::registerAllDialects(registry);
  // Upstream passes (canonicalize, cse, tosa-to-linalg, ...) for pipelines.
  mlir::registerAllPasses();
  mlir::attn::registerAttnPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "attn optimizer driver\n", registry));
}
