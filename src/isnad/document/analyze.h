// The analysis pipeline: reports in, analysed Documents out, in input order.
//
// WHAT IT TAKES
//   A loaded Engine (all resources) and a ReportReader.
// WHAT IT GIVES
//   Each report as a Document, passed to a sink in input order.
// WHAT IT GUARANTEES
//   Memory is bounded: reports are read in batches of bounded size (count
//   and bytes), analysed by `jobs` threads, handed to the sink and dropped
//   before the next batch is read. Output order does not depend on `jobs`.
//
// THREAD SAFETY
//   An Engine is immutable once loaded and shared by all worker threads.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "isnad/base/status.h"
#include "isnad/document/document.h"
#include "isnad/document/header.h"
#include "isnad/claims/claims.h"
#include "isnad/document/reader.h"
#include "isnad/entities/entities.h"
#include "isnad/text/text_core.h"

namespace isnad {

class Engine {
 public:
  // Loads every resource under `resource_dir`.
  // Without `with_relation_model`, the claim rules decide the relations
  // (as when that model is being trained).
  static Status Load(const std::string& resource_dir, Engine& out, bool with_relation_model = true);

  // Analyses one report.
  void Analyze(RawReport&& raw, Document& out) const;
  // Analyses one report for training the relation detector: the rules'
  // quotes and relations, and the detector's candidates.
  void AnalyzeForTraining(RawReport&& raw, Document& out, ClaimCandidates& candidates) const;

  // The same engine with other tagger models (cross-validation: each fold
  // read by a tagger that never saw it).
  void ReplaceReportModels(NerModels models) { entities_.ReplaceReportModels(std::move(models)); }

  const TextCore& text() const { return text_; }
  const ClaimExtractor& claims() const { return claims_; }
  const HeaderLexicons& header() const { return header_; }
  const EntityRecognizer& entities() const { return entities_; }
  // Engine version and resource fingerprints, recorded with every analysis.
  std::string Provenance() const;

 private:
  // The document, text and entity stages.
  void AnalyzeEntities(RawReport&& raw, Document& out) const;
  TextCore text_;
  HeaderLexicons header_;
  EntityRecognizer entities_;
  ClaimExtractor claims_;
};

struct PipelineOptions {
  int jobs = 0;                         // 0: one per hardware thread
  size_t batch_reports = 512;           // reports per batch at most
  uint64_t batch_bytes = 16ull << 20;   // text bytes per batch at most
};

struct PipelineStats {
  uint64_t reports = 0;
  uint64_t bytes = 0;
  uint64_t words = 0;
};

// Reads everything from `reader`, analyses it, and calls `sink` for each
// Document in input order (from the calling thread).
PipelineStats RunPipeline(const Engine& engine, ReportReader& reader, const PipelineOptions& options,
                          const std::function<void(const Document&)>& sink);

// The folder holding the engine's resources: `flag` if given, else the
// ISNAD_RESOURCES environment variable, else resources/ beside the
// executable's share folder, else the source tree's resources/.
std::string FindResourceDir(const std::string& flag, const std::string& argv0);

}  // namespace isnad
