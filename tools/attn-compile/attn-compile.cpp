//===- attn-compile.cpp - attn modules to native shared libraries ---------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"
#include "attn/InitAllDialects.h"
#include "attn/Target/Halide/Compile.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cstdlib>

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("attn-compile options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<input .mlir file>"),
                                      cl::init("-"), cl::cat(category));
static cl::opt<std::string>
    outputFile("o", cl::desc("Output file (the header goes beside a library)"),
               cl::value_desc("path"), cl::init(""), cl::cat(category));
static cl::opt<std::string>
    targetName("target",
               cl::desc("Code generation target: 'host' (default), 'cuda', "
                        "'cuda-smNN' (e.g. cuda-sm80), 'opencl', or a Halide "
                        "target string, e.g. x86-64-linux-avx2"),
               cl::init("host"), cl::cat(category));
static cl::opt<attn::EmitKind> emitKind(
    "emit", cl::desc("What to write"), cl::init(attn::EmitKind::Shared),
    cl::values(
        clEnumValN(attn::EmitKind::Mlir, "mlir",
                   "the IR handed to the code generator (after raising, "
                   "fusion, tiling and the online-softmax rewrite)"),
        clEnumValN(attn::EmitKind::HalideStmt, "halide-stmt",
                   "Halide's lowered loop nests, per function"),
        clEnumValN(attn::EmitKind::GpuSource, "gpu-source",
                   "the GPU kernels, per function: PTX for cuda targets, "
                   "OpenCL C for opencl"),
        clEnumValN(attn::EmitKind::Object, "object",
                   "one relocatable object with everything a library holds"),
        clEnumValN(attn::EmitKind::Shared, "shared",
                   "a shared library plus its C header (default)")),
    cl::cat(category));
static cl::opt<std::string>
    cCompiler("cc",
              cl::desc("C compiler driver used to compile the entry points "
                       "and link (default: $CC, else cc)"),
              cl::init(""), cl::cat(category));
static cl::opt<bool>
    raise("raise",
          cl::desc("Run --attn-raise and --canonicalize first, turning TOSA "
                   "and linalg attention subgraphs into attn ops (default "
                   "on)"),
          cl::init(true), cl::cat(category));
static cl::opt<bool>
    fuse("fuse",
         cl::desc("Run --attn-fuse before code generation (default on; "
                  "--fuse=false compiles the graph ops as written)"),
         cl::init(true), cl::cat(category));
static cl::opt<bool> keepTemps("keep-temps",
                               cl::desc("Keep the temporary build folder"),
                               cl::init(false), cl::cat(category));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "attn-compile: compiles attention graphs into native libraries\n\n"
      "  attn-compile IN.mlir -o libX.so [--target=host|cuda|cuda-smNN|opencl] "
      "[--emit=mlir|halide-stmt|gpu-source|object|shared]\n\n"
      "Every public func.func becomes an exported C function `name` (dense\n"
      "row-major buffers) and `name_halide` (halide_buffer_t), next to\n"
      "attn_last_error() and attn_manifest(); libX.h is written beside\n"
      "libX.so.\n");

  bool textOutput = emitKind == attn::EmitKind::Mlir ||
                    emitKind == attn::EmitKind::HalideStmt ||
                    emitKind == attn::EmitKind::GpuSource;
  if (outputFile.empty()) {
    if (!textOutput) {
      llvm::errs()
          << "attn-compile: error: -o is required with --emit=shared and "
             "--emit=object\n";
      return 1;
    }
    outputFile = "-";
  }
  if (!textOutput) {
    if (outputFile == "-") {
      llvm::errs()
          << "attn-compile: error: --emit=shared and --emit=object write "
             "binary files; -o needs a file path, not '-'\n";
      return 1;
    }
    if (llvm::StringRef(outputFile).ends_with(".h")) {
      llvm::errs() << "attn-compile: error: -o " << outputFile
                   << " would be overwritten by the generated header; name "
                      "the library libX.so (the header goes to libX.h)\n";
      return 1;
    }
  }

  DialectRegistry registry;
  attn::registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.printOpOnDiagnostic(false);

  std::string errorMessage;
  auto input = openInputFile(inputFile, &errorMessage);
  if (!input) {
    llvm::errs() << "attn-compile: error: " << errorMessage << "\n";
    return 1;
  }
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module || failed(verify(*module)))
    return 1;
  // Errors about the whole module (the target, linking) point at its start.
  if (auto loc = dyn_cast<FileLineColLoc>(module->getLoc());
      loc && loc.getLine() == 0)
    (*module)->setLoc(FileLineColLoc::get(loc.getFilename(), 1, 1));

  PassManager pm(&context);
  if (raise) {
    pm.addNestedPass<func::FuncOp>(attn::createAttnRaisePass());
    pm.addNestedPass<func::FuncOp>(createCanonicalizerPass());
  }
  if (fuse)
    pm.addNestedPass<func::FuncOp>(attn::createAttnFusePass());
  // Global dot / general Luong attention becomes attn.attention, so that
  // tiling applies to it too.
  pm.addNestedPass<func::FuncOp>(attn::createAttnDecomposeLuongPass());
  // Tiling and the online form are always decided in the IR; a tiling
  // written in the input is kept.
  attn::AttnTilePassOptions tileOptions;
  tileOptions.gpu = attn::isGpuTarget(targetName);
  pm.addNestedPass<func::FuncOp>(attn::createAttnTilePass(tileOptions));
  pm.addNestedPass<func::FuncOp>(attn::createAttnSparsityPass());
  pm.addNestedPass<func::FuncOp>(attn::createAttnOnlineSoftmaxPass());
  if (failed(pm.run(*module)))
    return 1;

  attn::CompileOptions options;
  options.target = targetName;
  options.emit = emitKind;
  options.outputPath = outputFile;
  options.keepTemps = keepTemps;
  if (!cCompiler.empty())
    options.cCompiler = cCompiler;
  else if (const char *cc = std::getenv("CC"); cc && *cc)
    options.cCompiler = cc;
  return failed(attn::compileModule(*module, options)) ? 1 : 0;
}
