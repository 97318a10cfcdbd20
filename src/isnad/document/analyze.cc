#include "isnad/document/analyze.h"

#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

namespace isnad {

Status Engine::Load(const std::string& dir, Engine& out, bool with_relation_model) {
  Status s = TextCore::Load(dir, out.text_);
  if (!s.ok()) return s;
  s = HeaderLexicons::Load(dir, out.header_);
  if (!s.ok()) return s;
  s = EntityRecognizer::Load(dir, out.entities_);
  if (!s.ok()) return s;
  return ClaimExtractor::Load(dir, out.claims_, true, with_relation_model);
}

std::string Engine::Provenance() const {
  return std::string("isnad ") + ISNAD_VERSION + " " + text_.Fingerprint() + " " + entities_.Fingerprint() + " " +
         claims_.Fingerprint();
}

void Engine::Analyze(RawReport&& raw, Document& doc) const {
  AnalyzeEntities(std::move(raw), doc);
  claims_.Extract(doc);
}

void Engine::AnalyzeForTraining(RawReport&& raw, Document& doc, ClaimCandidates& candidates) const {
  AnalyzeEntities(std::move(raw), doc);
  claims_.ExtractCandidates(doc, candidates);
}

void Engine::AnalyzeEntities(RawReport&& raw, Document& doc) const {
  doc = Document();
  doc.id = std::move(raw.id);
  doc.origin = std::move(raw.origin);
  doc.line = raw.line;
  doc.source = raw.source;
  doc.url = raw.url;
  doc.text = std::move(raw.text);
  if (raw.text_has_header) ReadHeader(header_, doc);
  else ReadHeaderFields(header_, raw, doc);
  text_.Analyze(doc.text, doc.analysis);
  entities_.Recognize(text_, doc);
}

PipelineStats RunPipeline(const Engine& engine, ReportReader& reader, const PipelineOptions& options,
                          const std::function<void(const Document&)>& sink) {
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  if (jobs < 1) jobs = 1;
  PipelineStats stats;
  std::vector<RawReport> raws;
  std::vector<Document> docs;
  bool more = true;
  while (more) {
    raws.clear();
    uint64_t bytes = 0;
    while (raws.size() < options.batch_reports && bytes < options.batch_bytes) {
      RawReport r;
      if (!reader.Next(r)) {
        more = false;
        break;
      }
      bytes += r.text.size();
      raws.push_back(std::move(r));
    }
    if (raws.empty()) break;
    docs.resize(raws.size());
    // Static interleaved partition: reports are of similar size on average,
    // and the batch boundary is a barrier anyway.
    auto work = [&](int worker) {
      for (size_t i = worker; i < raws.size(); i += jobs) engine.Analyze(std::move(raws[i]), docs[i]);
    };
    if (jobs == 1 || raws.size() == 1) {
      for (size_t i = 0; i < raws.size(); ++i) engine.Analyze(std::move(raws[i]), docs[i]);
    } else {
      std::vector<std::thread> threads;
      for (int w = 1; w < jobs; ++w) threads.emplace_back(work, w);
      work(0);
      for (auto& t : threads) t.join();
    }
    for (size_t i = 0; i < raws.size(); ++i) {
      stats.reports++;
      stats.bytes += docs[i].text.size();
      stats.words += docs[i].analysis.word_count();
      sink(docs[i]);
    }
    docs.clear();
  }
  return stats;
}

std::string FindResourceDir(const std::string& flag, const std::string& argv0) {
  namespace fs = std::filesystem;
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ISNAD_RESOURCES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::path(argv0);
  for (fs::path candidate : {exe.parent_path() / "../share/isnad/resources", exe.parent_path() / "resources",
                             exe.parent_path() / "../resources"}) {
    if (fs::exists(candidate / "lexicon/lexicon.tsv", ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return ISNAD_DEFAULT_RESOURCE_DIR;
}

}  // namespace isnad
